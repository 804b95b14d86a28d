"""How precisely a statement's place leaves the system publicly.

Moderated statements are shown on public maps, in the public statement feed
(/api/statements/) and in the published results (GeoJSON). A point marked on a map to 0.1 m can
single out a house and thus the person who wrote the statement. Public outputs therefore round
WGS84 coordinates to 4 decimals: 0.0001° is about 11 m north-south and 7 m east-west in Saxony,
enough to see which part of the plan a statement concerns. Staff see the position as marked.
The privacy wording of the statement form says so (planning/statements/form.html).
"""

#: Decimals of a degree in public GeoJSON (about 10 m).
PUBLIC_LOCATION_DECIMALS = 4
