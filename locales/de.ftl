# Die Wörter der Oberfläche auf Deutsch. Richtlinien bringen ihre eigenen Bezeichnungen und
# Meldungen mit; diese hier sind die des Werkzeugs: Überschriften, Urteilswörter, Fragen,
# Zahlenformate. Kennungen sind GRUPPE-FELD (wie in en.ftl). Leerzeichen am Anfang oder
# Ende werden {" "} geschrieben, ein leerer Text {""}.

## Werte, wie ein Leser sie liest

value-true = ja
value-false = nein
value-unknown = (unbekannt)
value-not-set = (nicht angegeben)
# Ziffern werden ab 10.000 in Dreiergruppen geschrieben.
value-group-separator = {"."}
value-decimal-point = ,
value-years = { $n ->
    [1] { $n } Jahr
    [-1] { $n } Jahr
   *[other] { $n } Jahre
}
value-months = { $n ->
    [1] { $n } Monat
    [-1] { $n } Monat
   *[other] { $n } Monate
}
value-days = { $n ->
    [1] { $n } Tag
    [-1] { $n } Tag
   *[other] { $n } Tage
}
# A large set in text output: its first members, then how many more.
value-and-more = { $first } und { $n } weitere
choice-yes = ja
choice-no = nein

## Meldungen der Auswertung

undecided-message = Keine Entscheidung möglich: unbekannte Tatsachen: { $facts }.
answer-invalid = `{ $answer }` ist keine Antwort: erwartet { $expected }
range-refused = muss { $range } sein, gefunden { $value }
answer-refused = `{ $answer }` ist keine Antwort: { $why }

## Fragen zu unbekannten Tatsachen

questions-heading = Fragen zur Entscheidung
questions-unblocks = entsperrt
questions-scope = den Anwendungsbereich

## Sprachersatz (ein Hinweis auf der Fehlerausgabe)

lang-fallback-texts = Hinweis: Die Richtlinie hat keine Texte in `{ $requested }`; sie werden in `{ $shown }` angezeigt
lang-fallback-words = Hinweis: Die Wörter des Werkzeugs sind nicht in `{ $requested }` übersetzt; sie werden in `{ $shown }` angezeigt
lang-fallback-both = Hinweis: Weder die Richtlinie noch das Werkzeug haben Texte in `{ $requested }`; sie werden in `{ $shown }` angezeigt
lang-fallback-neutral = Hinweis: Die Texte der Richtlinie haben kein Sprachkennzeichen; sie werden wie geschrieben angezeigt, vielleicht nicht in `{ $requested }`

## Eine Entscheidung als Text (doctrine eval)

decision-decision = Entscheidung
decision-until = bis
decision-policy = Richtlinie
decision-texts = angewandte Texte
decision-none = keine
decision-on = am
decision-rules = Regeln
decision-no-rule = Keine Regel ist anwendbar.
decision-because = weil
decision-by = entschieden durch die Ausnahme
decision-expired = abgelaufene Ausnahme
decision-cites = Quelle
decision-advice = Empfehlungen
decision-notes = Hinweise
decision-missing = Fehlende Tatsachen
decision-overrides = geänderte Parameter
decision-outcomes = Ergebnisse
decision-case = entschieden durch den Fall
decision-grounds = Gründe
decision-colon = :{" "}

## Entscheidungsberichte (Markdown, HTML)

report-title = Entscheidung
report-titles = Entscheidungen
report-decision = Entscheidung
report-until = bis
report-policy = Richtlinie
report-facts = Tatsachen
report-evaluated-on = Ausgewertet am
report-in-scope = Im Anwendungsbereich
report-yes = ja
report-no = nein
report-unknown = unbekannt
report-overrides = Geänderte Parameter
report-amendments = Lokale Änderungen
report-tool = Werkzeug
report-texts = Angewandte Texte
report-text = Text
report-text-title = Titel
report-in-force = In Kraft ab
report-file = Datei
report-sha256 = SHA-256
report-none = keine
report-rules = Regeln
report-no-rule = Keine Regel ist anwendbar.
report-rule = Regel
report-verdict = Urteil
report-message = Begründung
report-cites = Quellen
report-exception = Ausnahme
report-expired = abgelaufen am
report-why = Warum
report-read = Gelesene Tatsachen und Parameter
report-param = Parameter
report-unknown-facts = unbekannte Tatsachen
report-advice = Empfehlungen
report-notes = Hinweise
report-missing = Fehlende Tatsachen
report-missing-lead = Diese Tatsachen sind unbekannt; sind sie angegeben, können die Regeln entscheiden, die von ihnen abhängen.
report-explanation = Erläuterung
report-scope = Anwendungsbereich
report-in-scope-holds = im Anwendungsbereich
report-out-of-scope = außerhalb des Anwendungsbereichs
report-scope-unknown = unbekannt
report-applies-when = Gilt, wenn
report-requires = Verlangt
report-exception-to = Ausnahme
report-gives = ergibt
report-no-verdict = kein Urteil
report-value-unknown = unbekannt
report-not-set = nicht angegeben
report-not-evaluated = nicht ausgewertet
report-shown-above = oben gezeigt
report-remedies = Abhilfen
report-remedies-lead = Die kleinsten Änderungen der Tatsachen, die eine bessere Entscheidung ergeben, jede durch eine neue Auswertung geprüft.
report-remedies-none = Keine Änderung der Tatsachen innerhalb der Suchgrenzen ergibt eine bessere Entscheidung.
report-remedies-more-before = Die Suche endet hier;{" "}
report-remedies-more-command = doctrine remedy
report-remedies-more-after = {" "}sucht weiter, mit mehr Änderungen und anderen Zielen.
report-changes = Änderungen
report-effects = Regeln, deren Urteil sich ändert
report-across = überschreitet
report-added = hinzufügen
report-removed = entfernen
report-by = durch
report-colon = :{" "}
report-outcomes = Ergebnisse
report-outcome = Ergebnis
report-value = Wert
report-case = Fall
report-grounds = Gründe
report-outcome-case = Fall

## Vergleiche (doctrine diff)

diff-count = { $n } von { $total } { $total ->
        [1] Fall
       *[other] Fällen
    }
diff-decision = Entscheidung
diff-unchanged = unverändert
diff-as-of = am
diff-each-date = am Datum jedes Falls
diff-texts = angewandte Texte
diff-none = keine
diff-until = bis
diff-by = durch die Ausnahme
diff-expired = abgelaufen am
diff-no-verdict = kein Urteil
diff-advice-added = Empfehlungen hinzugekommen
diff-advice-removed = Empfehlungen entfallen
diff-notes-added = Hinweise hinzugekommen
diff-notes-removed = Hinweise entfallen
diff-missing-added = Nun fehlende Tatsachen
diff-missing-removed = Nicht mehr fehlende Tatsachen
diff-changed = Entscheidung geändert
diff-count-header = Fälle
diff-detail = Gleiche Entscheidung, Einzelheiten geändert
diff-detail-hint = --all listet sie auf
diff-case = Fall
diff-why = Warum
diff-change = Änderung
diff-colon = :{" "}
diff-semicolon = ;{" "}
diff-last-day = (letzter Tag geändert)
diff-because = warum
diff-because-scope = Warum der Anwendungsbereich abweicht
diff-param = Parameter
diff-only-under = nur unter
diff-expired-under = abgelaufen unter
diff-day = der Auswertungstag
diff-day-facts = der Auswertungstag, verglichen mit
diff-outcome-changed = Gleiche Entscheidung, Ergebnis geändert
diff-not-set = nicht gesetzt
diff-by-case = durch den Fall

## Erläuterungen (doctrine explain)

explain-decision = Entscheidung
explain-until = bis
explain-policy = Richtlinie
explain-on = am
explain-texts = angewandte Texte
explain-none = keine
explain-overrides = geänderte Parameter
explain-scope = Anwendungsbereich
explain-in-scope = im Anwendungsbereich.
explain-out-of-scope = außerhalb des Anwendungsbereichs; die Regeln werden nicht geprüft.
explain-scope-unknown = ungewiss.
explain-always-applies = Gilt immer.
explain-applies = Gilt:
explain-does-not-apply = Gilt nicht:
explain-applies-unknown = Ob sie gilt, ist ungewiss:
explain-requirement-met = Anforderung erfüllt:
explain-requirement-not-met = Anforderung nicht erfüllt:
explain-requirement-unknown = Anforderung ungewiss:
explain-not-looked-at = nicht geprüft
explain-exceptions-tried = Geprüfte Ausnahmen:
explain-exceptions-not-tried = Nicht geprüfte Ausnahmen:
explain-holds-gives = greift und ergibt
explain-does-not-hold = greift nicht
explain-holds-unknown = ob sie greift, ist ungewiss
explain-expired = greift, ist aber abgelaufen: ihr letzter Tag war der
explain-last-day = Letzter Tag:
explain-verdict = Urteil
explain-no-verdict = Kein Urteil: die Regel gilt nicht.
explain-no-verdict-short = kein Urteil
explain-decided-by = entschieden durch die Ausnahme
explain-sources = Quellen
explain-other-rules = Andere Regeln
explain-not-applying = Nicht anwendbar
explain-no-rule = Keine Regel ist anwendbar.
explain-no-text = Kein Text der Richtlinie ist an diesem Tag in Kraft; die Regeln werden nicht geprüft.
explain-missing = mangels
explain-is = ist
explain-is-unknown = ist unbekannt
explain-is-not-set = ist nicht angegeben
explain-unknown = unbekannt
explain-not-set = nicht angegeben
explain-not-evaluated = nicht ausgewertet
explain-missing-facts = Fehlende Tatsachen
explain-param = Parameter
explain-set-by = festgelegt durch
explain-step-from = Stufe ab
explain-source = Quelle
explain-empty = (leer)
explain-see-above = {" "}(siehe oben)
explain-colon = :{" "}
explain-open-quote = „
explain-close-quote = “
explain-outcome-value = Wert
explain-decided-by-case = entschieden durch den Fall
explain-case-otherwise = ergibt sonst
explain-case-unknown-gives = ob er greift, ist ungewiss; er ergäbe
explain-possible-values = Mögliche Werte
explain-grounds-held = Zutreffende Gründe:
explain-outcome-tag = {" "}(Ergebnis)
explain-the-decision = {" "}(die Entscheidung)
explain-outcome-missing = Zur Entscheidung fehlende Tatsachen

## Parameter (doctrine params)

params-heading = Parameter von
params-on = am
params-texts = angewandte Texte
params-none = keine
params-from = aus
params-step = Stufe vom
params-base = Grundtext
params-amendment = Änderung
params-since = ab
params-instead-of = statt
params-from-text = laut
params-repealed = aufgehoben
params-repealed-by = aufgehoben durch
params-not-in-force = nicht in Kraft
params-brought-by = eingeführt durch
params-in-force-from = in Kraft ab
params-source = Quelle
params-versions = Fassungen
params-no-param = Kein Parameter.
params-colon = :{" "}
params-computed = berechnet als
params-with = mit

## Zeitverläufe (doctrine timeline)

timeline-timeline = Zeitverlauf
timeline-policy = Richtlinie
timeline-overrides = geänderte Parameter
timeline-until = bis
timeline-by = durch
timeline-texts = angewandte Texte
timeline-from = ab
timeline-rules = Regeln
timeline-none = keine
timeline-no-rule = keine Regel ergibt ein Urteil
timeline-in-force-before = {""}
timeline-in-force-after = {" "}tritt in Kraft
timeline-param = Parameter
timeline-applies = gilt
timeline-no-longer = gilt nicht mehr, war
timeline-expired = abgelaufen nach dem
timeline-in-scope = der Fall tritt in den Anwendungsbereich
timeline-out-of-scope = der Fall verlässt den Anwendungsbereich
timeline-scope-unknown = ob der Fall im Anwendungsbereich liegt, ist nicht mehr bekannt
timeline-colon = :{" "}
timeline-semicolon = ;{" "}
timeline-why = {" "}— warum:{" "}
timeline-day-passes-facts = der Tag überschreitet eine Grenze, berechnet aus
timeline-day-passes = der Tag überschreitet ein Datum der Richtlinie
timeline-outcomes = Ergebnisse
timeline-outcome-in-force = wird gegeben
timeline-outcome-not-in-force = wird nicht mehr gegeben, war
timeline-not-set = nicht gesetzt

## Abhilfen (doctrine remedy)

remedy-title = Abhilfen
remedy-now = aktuelle Entscheidung
remedy-better = eine bessere Entscheidung
remedy-at-least = mindestens
remedy-up-to = bis zu
remedy-changes = Änderungen
remedy-change = Änderung
remedy-found = gefunden
remedy-best = beste erreicht
remedy-reached = Die Entscheidung erreicht das Ziel bereits: nichts zu ändern.
remedy-best-now = Die Entscheidung ist bereits die beste, die eine Änderung der Tatsachen erreichen kann.
remedy-none = Keine Änderung erreicht das Ziel.
remedy-none-cut = Vor dem Abbruch der Suche bei ihrem Budget wurde keine Menge von Änderungen gefunden, die das Ziel erreicht: es kann eine geben; --budget erweitert die Suche.
remedy-until = bis
remedy-by = durch
remedy-no-verdict = kein Urteil
remedy-scope = Anwendungsbereich
remedy-scope-unknown = unbekannt
remedy-scope-in = innerhalb
remedy-scope-out = außerhalb
remedy-across = Schwelle
remedy-added = hinzufügen
remedy-removed = entfernen
remedy-shown = angezeigt
remedy-stopped = Größere Mengen wurden nicht durchsucht: die Abhilfen oben sind die kleinsten; --limit erweitert die Suche.
remedy-cut = Die Suche wurde bei ihrem Budget abgebrochen, bevor alle Mengen von Änderungen versucht wurden: weitere Abhilfen können existieren; --budget erweitert die Suche.
remedy-leave = jede Entscheidung außer
remedy-decided = eine Entscheidung, die entscheidet
remedy-value-now = jetzt
remedy-colon = :{" "}

## Fragen, eine nach der anderen (doctrine ask)

ask-decision = Entscheidung
ask-colon = :{" "}
ask-questions = Frage(n) zur Entscheidung; eine leere Antwort überspringt eine
ask-skip = leer: überspringen
ask-skipped = übersprungen: bleibt unbekannt
ask-unblocks = entsperrt
ask-scope = den Anwendungsbereich
ask-end = Ende der Eingabe: die übrigen Fragen bleiben unbeantwortet.
ask-written = Tatsachendatei geschrieben

## Tatsachendateien: ihr JSON-Schema (doctrine schema) und ihre Vorlage (doctrine init)

schema-self = Das JSON-Schema, dem diese Datei folgt (für Editoren); doctrine übergeht es.
schema-evaluated-on = Der Tag, von dem der Fall handelt (JJJJ-MM-TT); fehlt er: `--on`, sonst heute.
schema-description = Die Tatsachen eines Falls. Eine fehlende Tatsache, oder null, nimmt ihren Standardwert an, ist nicht angegeben (optionale Tatsachen) oder unbekannt (erforderliche Tatsachen: die Regeln, die sie brauchen, können nicht entscheiden); daher ist keine Tatsache als erforderlich aufgeführt.
schema-required = erforderlich: fehlt sie oder ist sie null, ist sie unbekannt
schema-default = Standardwert:
schema-optional = optional: fehlt sie oder ist sie null, ist sie nicht angegeben
template-header =
    # Eine Tatsachendatei, geschrieben von `doctrine init`. Tragen Sie die Werte ein. Ein
    # leerer Wert (null) fehlt: eine Tatsache mit Standardwert nimmt diesen an, eine
    # optionale Tatsache ist nicht angegeben, eine erforderliche ist unbekannt (die Regeln,
    # die sie brauchen, können nicht entscheiden).
    # Für Vervollständigung und Prüfung im Editor: `doctrine schema POLICY > facts.schema.json`
    # und `# yaml-language-server: $schema=facts.schema.json` als erste Zeile.
template-evaluated-on = # Datum (JJJJ-MM-TT): der Tag, von dem der Fall handelt; leer: `--on`, sonst heute.
template-required = erforderlich (leer: unbekannt)
template-default = Standardwert:
template-optional = optional (leer: nicht angegeben)
template-one-of = # eines von:

## Die Werkbank (die Seiten von doctrine serve)

workbench-title = Doctrine-Werkbank
workbench-navigation = Seiten
workbench-law = Die Richtlinie
workbench-params = Parameter
workbench-language = Sprache
workbench-on = Stichtag
workbench-show = Anzeigen
workbench-search = Suchen
workbench-search-label = Titel, Kennungen und Quellen durchsuchen
workbench-texts = Texte
workbench-base = Grundtext
workbench-amendment = Änderung
workbench-in-force = In Kraft
workbench-not-yet = Noch nicht in Kraft
workbench-status = Stand
workbench-file = Datei
workbench-sha256 = SHA-256
workbench-rules = Regeln
workbench-outcomes = Ergebnisse
workbench-remarks = Hinweise und Anmerkungen
workbench-rule = Regel
workbench-exception = Ausnahme
workbench-outcome = Ergebnis
workbench-advice = Hinweis
workbench-note = Anmerkung
workbench-cites = Quellen
workbench-exceptions = Ausnahmen
workbench-written = Wie geschrieben
workbench-applies = Gilt, wenn
workbench-requires = Verlangt
workbench-when = Wenn
workbench-until = Bis
workbench-value = Wert
workbench-facts = Tatsachen
workbench-defs = Definitionen
workbench-reads = Was sie liest (Ausnahmen eingeschlossen)
workbench-read-by = Wer sie liest
workbench-exception-to = Ausnahme zu
workbench-none = Keine.
workbench-no-match = Nichts entspricht der Suche.
workbench-text = Text
workbench-origin = Festgelegt durch
workbench-history = Verlauf
workbench-from = Ab
workbench-computed = Berechnet als
workbench-overridden = Überschrieben; die Texte geben
workbench-not-found = Nicht gefunden
workbench-not-found-detail = An diesem Tag ist keine Regel, Ausnahme, kein Ergebnis, Hinweis und keine Anmerkung mit dieser Kennung in Kraft.
workbench-bad-request = Die Anfrage ist fehlerhaft
workbench-in-text = Fassung in Kraft seit
