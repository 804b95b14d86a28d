"""Facts of the XPlanGML 6.0 schema the writer needs: property order of plans and Bereiche,
classes renamed or removed since 4.1/5.4, presentation classes.

Taken from the published 6.0 application schema (XPlanGML_*.xsd, version 6.0.2); the test
suite checks written plans against the schema files when they are available.
"""


def names(text: str) -> list[str]:
    return text.split()


XP_PLAN_ORDER = names("""
    name nummer internalId beschreibung kommentar technHerstellDatum genehmigungsDatum
    untergangsDatum aendertPlan wurdeGeaendertVonPlan aendertPlanBereich
    wurdeGeaendertVonPlanBereich erstellungsMassstab bezugshoehe hoehenbezug
    technischerPlanersteller raeumlicherGeltungsbereich verfahrensMerkmale hatGenerAttribut
    externeReferenz texte begruendungsTexte""")
#: 6.0 property order of each plan class (XP_Plan's properties first).
PLAN_ORDER = {
    "BP_Plan": XP_PLAN_ORDER
    + names("""
        gemeinde planaufstellendeGemeinde plangeber planArt sonstPlanArt rechtsstand status
        aenderungenBisDatum aufstellungsbeschlussDatum veraenderungssperre auslegungsStartDatum
        auslegungsEndDatum traegerbeteiligungsStartDatum traegerbeteiligungsEndDatum
        satzungsbeschlussDatum rechtsverordnungsDatum inkrafttretensDatum ausfertigungsDatum
        staedtebaulicherVertrag erschliessungsVertrag durchfuehrungsVertrag gruenordnungsplan
        versionBauNVO versionBauGB versionSonstRechtsgrundlage bereich"""),
    "FP_Plan": XP_PLAN_ORDER
    + names("""
        gemeinde planaufstellendeGemeinde plangeber planArt sonstPlanArt sachgebiet verfahren
        rechtsstand status aufstellungsbeschlussDatum auslegungsStartDatum auslegungsEndDatum
        traegerbeteiligungsStartDatum traegerbeteiligungsEndDatum aenderungenBisDatum
        entwurfsbeschlussDatum planbeschlussDatum wirksamkeitsDatum versionBauNVO versionBauGB
        versionSonstRechtsgrundlage bereich"""),
    "SO_Plan": XP_PLAN_ORDER
    + names("""
        gemeinde planaufstellendeGemeinde planArt plangeber versionBauGBDatum versionBauGBText
        versionSonstRechtsgrundlageDatum versionSonstRechtsgrundlageText bereich"""),
    "RP_Plan": XP_PLAN_ORDER
    + names("""
        bundesland planArt sonstPlanArt planungsregion teilabschnitt rechtsstand status
        aufstellungsbeschlussDatum auslegungStartDatum auslegungEndDatum
        traegerbeteiligungsStartDatum traegerbeteiligungsEndDatum aenderungenBisDatum
        entwurfsbeschlussDatum planbeschlussDatum datumDesInkrafttretens verfahren
        amtlicherSchluessel genehmigungsbehoerde bereich"""),
    "LP_Plan": XP_PLAN_ORDER
    + names("""
        bundesland rechtlicheAussenwirkung planArt sonstPlanArt gemeinde planaufstellendeGemeinde
        plangeber rechtsstand aufstellungsbeschlussDatum auslegungsStartDatum auslegungsEndDatum
        tOeBbeteiligungsStartDatum tOeBbeteiligungsEndDatum oeffentlichkeitsBetStartDatum
        oeffentlichkeitsBetEndDatum aenderungenBisDatum entwurfsbeschlussDatum
        planbeschlussDatum inkrafttretenDatum veroeffentlichungsDatum sonstVerfahrensDatum
        sonstVerfahrensText startBedingungen endeBedingungen bereich"""),
}
XP_BEREICH_ORDER = names("""
    nummer name bedeutung detaillierteBedeutung erstellungsMassstab geltungsbereich refScan
    planinhalt praesentationsobjekt aendertPlan wurdeGeaendertVonPlan aendertPlanBereich
    wurdeGeaendertVonPlanBereich texte""")
#: 6.0 property order of each Bereich class.
BEREICH_ORDER = {
    "BP_Bereich": [*XP_BEREICH_ORDER, "verfahren", "gehoertZuPlan"],
    "FP_Bereich": [*XP_BEREICH_ORDER, "gehoertZuPlan"],
    "SO_Bereich": [*XP_BEREICH_ORDER, "gehoertZuPlan"],
    "LP_Bereich": [*XP_BEREICH_ORDER, "gehoertZuPlan"],
    "RP_Bereich": XP_BEREICH_ORDER
    + names("""
        versionBROG versionBROGText versionLPLG versionLPLGText geltungsmassstab gehoertZuPlan"""),
}


CLASS_RENAMES = {
    "BP_TextlicheFestsetzungsFlaeche": "BP_TextAbschnittFlaeche",
    "FP_TextlicheDarstellungsFlaeche": "FP_TextAbschnittFlaeche",
    "BP_TextAbschnitt": "XP_TextAbschnitt",
    "FP_TextAbschnitt": "XP_TextAbschnitt",
    "SO_TextAbschnitt": "XP_TextAbschnitt",
    "LP_TextAbschnitt": "XP_TextAbschnitt",
    "RP_TextAbschnitt": "XP_TextAbschnitt",
}
#: Feature classes of 4.1/5.4 that XPlanGML 6.0 no longer has (from the published schemas).
#: Objects of these classes are written unchanged with a warning: migrating them (e.g.
#: BP_StrassenVerkehrsFlaeche -> SO_Strassenverkehr) changes their meaning and is left to a
#: planner or a dedicated migration tool.
CLASSES_NOT_IN_60 = frozenset(
    names("""
    BP_AbweichungVonUeberbaubererGrundstuecksFlaeche BP_Baugebiet BP_BodenschaetzeFlaeche
    BP_DenkmalschutzEinzelanlage BP_DenkmalschutzEnsembleFlaeche BP_ErhaltungsBereichFlaeche
    BP_ErneuerbareEnergieFlaeche BP_FirstRichtungsLinie BP_GewaesserFlaeche BP_Landwirtschaft
    BP_LuftreinhalteFlaeche BP_RekultivierungsFlaeche BP_Schutzgebiet BP_Sichtflaeche
    BP_StrassenVerkehrsFlaeche BP_VerkehrsflaecheBesondererZweckbestimmung
    BP_WasserwirtschaftsFlaeche FP_AbgrabungsFlaeche FP_AufschuettungsFlaeche FP_Bodenschaetze
    FP_BodenschaetzeFlaeche FP_Gewaesser FP_LandwirtschaftsFlaeche
    FP_NutzungsbeschraenkungsFlaeche FP_Strassenverkehr FP_Wasserwirtschaft LP_Abgrenzung
    LP_AllgGruenflaeche LP_AnpflanzungBindungErhaltung LP_Ausgleich LP_Biotopverbundflaeche
    LP_Bodenschutzrecht LP_Denkmalschutzrecht LP_ErholungFreizeit LP_Forstrecht
    LP_Landschaftsbild LP_NutzungsAusschluss LP_NutzungserfordernisRegelung
    LP_PlanerischeVertiefung LP_SchutzPflegeEntwicklung LP_SchutzobjektBundesrecht
    LP_SchutzobjektInternatRecht LP_SchutzobjektLandesrecht LP_SonstigeAbgrenzuung
    LP_SonstigesRecht LP_TextlicheFestsetzungsFlaeche
    LP_WasserrechtGemeingebrEinschraenkungNaturschutz LP_WasserrechtSchutzgebiet
    LP_WasserrechtSonstige LP_WasserrechtWirtschaftAbflussHochwSchutz
    LP_ZuBegruenendeGrundstueckflaeche LP_Zwischennutzung RP_FreizeitErholung
    RP_GemeindeFunktionSiedlungsentwicklung RP_KulturellesSachgut RP_Laermschutzbereich
    RP_Legendenobjekt RP_Rohstoffsicherung RP_SonstigeSiedlungsstruktur
    RP_SonstigerFreiraumstruktur RP_VorbHochwasserschutz RP_Windenergienutzung
    SO_Bauverbotszone SO_SchutzgebietNaturschutzrecht SO_SchutzgebietSonstigesRecht
    SO_Strassenverkehrsrecht""")
)
PRESENTATION_CLASSES = frozenset(
    names("XP_FPO XP_LPO XP_LTO XP_Nutzungsschablone XP_PPO XP_PTO XP_Praesentationsobjekt XP_TPO")
)


#: XP_Objekt / XP_AbstraktesPraesentationsobjekt properties that follow gehoertZuBereich.
AFTER_BEREICH_LINK = frozenset(
    names("""
        wirdDargestelltDurch dientZurDarstellungVon refBegruendungInhalt startBedingung
        endeBedingung aufschrift rechtscharakter refTextInhalt""")
)
