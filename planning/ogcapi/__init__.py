"""OGC API Features (Part 1) of the published plans and their content (docs/ogcapi.md)."""
