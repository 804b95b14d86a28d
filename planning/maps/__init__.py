"""What the plan maps explain: human layer titles, code-list labels and legends.

Labels come from the XPlanung code lists (msgids in English, German in the catalogue), so
popups, object lists and legends read "Allgemeines Wohngebiet (WA)" instead of "1200", and
layers "Überbaubare Grundstücksfläche" instead of "BP_UeberbaubareGrundstuecksFlaeche".
"""
