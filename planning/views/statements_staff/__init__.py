"""Staff pages of statements (/staff/stellungnahmen/): list and map, detail, manual entry,
import, moderation. Scoped to the user's authorities: another authority's statement is 404."""
