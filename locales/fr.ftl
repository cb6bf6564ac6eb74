# Les mots de l'interface en français. Les politiques apportent leurs libellés et messages ;
# ceux-ci sont ceux de l'outil : titres, mots des verdicts, questions, format des nombres.
# Les identifiants sont GROUPE-CHAMP : le groupe est le rapport (ou la partie du programme)
# qui les emploie. Les espaces au début ou à la fin s'écrivent {" "}, un texte vide {""}.

## Valeurs telles qu'un lecteur les lit

value-true = oui
value-false = non
value-unknown = (inconnu)
value-not-set = (non renseigné)
# Les chiffres sont groupés par trois à partir de 10 000 (espace fine insécable).
value-group-separator = {"\u202F"}
value-decimal-point = ,
value-years = { $n ->
    [1] { $n } an
    [-1] { $n } an
   *[other] { $n } ans
}
value-months = { $n } mois
value-days = { $n ->
    [1] { $n } jour
    [-1] { $n } jour
   *[other] { $n } jours
}
# A large set in text output: its first members, then how many more.
value-and-more = { $first } et { $n } autres
choice-yes = oui
choice-no = non

## Messages de l'évaluation

undecided-message = Impossible de décider : faits inconnus : { $facts }.
answer-invalid = `{ $answer }` n'est pas une réponse : attendu { $expected }
range-refused = doit être { $range }, trouvé { $value }
answer-refused = `{ $answer }` n'est pas une réponse : { $why }

## Questions pour les faits inconnus

questions-heading = Questions pour décider
questions-unblocks = débloque
questions-scope = le champ

## Repli de langue (une note sur la sortie d'erreur)

lang-fallback-texts = note : la politique n'a pas de textes en `{ $requested }` ; ils sont affichés en `{ $shown }`
lang-fallback-words = note : les mots de l'outil ne sont pas traduits en `{ $requested }` ; ils sont affichés en `{ $shown }`
lang-fallback-both = note : ni la politique ni l'outil n'ont de textes en `{ $requested }` ; ils sont affichés en `{ $shown }`
lang-fallback-neutral = note : les textes de la politique n'ont pas d'étiquette de langue ; ils sont affichés tels qu'écrits, peut-être pas en `{ $requested }`

## Une décision en texte (doctrine eval)

decision-decision = Décision
decision-until = jusqu'au
decision-policy = Politique
decision-texts = textes appliqués
decision-none = aucun
decision-on = au
decision-rules = Règles
decision-no-rule = Aucune règle ne s'applique.
decision-because = parce que
decision-by = décidé par l'exception
decision-expired = exception expirée
decision-cites = source
decision-advice = Conseils
decision-notes = Notes
decision-missing = Faits à renseigner
decision-overrides = paramètres modifiés
decision-outcomes = Résultats
decision-case = décidé par le cas
decision-grounds = motifs
decision-colon = {" "}:{" "}

## Rapports de décision (Markdown, HTML)

report-title = Décision
report-titles = Décisions
report-decision = Décision
report-until = jusqu'au
report-policy = Politique
report-facts = Faits
report-evaluated-on = Date d'évaluation
report-in-scope = Dans le champ
report-yes = oui
report-no = non
report-unknown = inconnu
report-overrides = Paramètres modifiés
report-amendments = Modifications locales
report-tool = Outil
report-texts = Textes appliqués
report-text = Texte
report-text-title = Titre
report-in-force = En vigueur à partir du
report-file = Fichier
report-sha256 = SHA-256
report-none = aucun
report-rules = Règles
report-no-rule = Aucune règle ne s'applique.
report-rule = Règle
report-verdict = Verdict
report-message = Motif
report-cites = Sources
report-exception = Exception
report-expired = expirée le
report-why = Pourquoi
report-read = Faits et paramètres lus
report-param = paramètre
report-unknown-facts = faits inconnus
report-advice = Conseils
report-notes = Notes
report-missing = Faits à renseigner
report-missing-lead = Ces faits sont inconnus ; les renseigner permet de décider les règles qui en dépendent.
report-explanation = Explication
report-scope = Champ
report-in-scope-holds = dans le champ
report-out-of-scope = hors du champ
report-scope-unknown = inconnu
report-applies-when = S'applique si
report-requires = Exige
report-exception-to = Exception
report-gives = donne
report-no-verdict = pas de verdict
report-value-unknown = inconnu
report-not-set = non renseigné
report-not-evaluated = non évalué
report-shown-above = détaillé plus haut
report-remedies = Remèdes
report-remedies-lead = Les plus petits ensembles de changements des faits qui donnent une meilleure décision, chacun vérifié par une nouvelle évaluation.
report-remedies-none = Aucun ensemble de changements des faits, dans la limite cherchée, ne donne une meilleure décision.
report-remedies-more-before = La recherche s'arrête ici ;{" "}
report-remedies-more-command = doctrine remedy
report-remedies-more-after = {" "}cherche plus loin, avec plus de changements et d'autres cibles.
report-changes = Changements
report-effects = Règles dont le verdict change
report-across = franchit
report-added = ajouter
report-removed = retirer
report-by = par
report-colon = {" "}:{" "}
report-outcomes = Résultats
report-outcome = Résultat
report-value = Valeur
report-case = Cas
report-grounds = Motifs
report-outcome-case = cas

## Comparaisons (doctrine diff)

diff-count = { $n } cas sur { $total }
diff-decision = Décision
diff-unchanged = inchangée
diff-as-of = au
diff-each-date = à la date de chaque cas
diff-texts = textes appliqués
diff-none = aucun
diff-until = jusqu'au
diff-by = par l'exception
diff-expired = expirée le
diff-no-verdict = sans verdict
diff-advice-added = Conseils ajoutés
diff-advice-removed = Conseils retirés
diff-notes-added = Notes ajoutées
diff-notes-removed = Notes retirées
diff-missing-added = Faits désormais à renseigner
diff-missing-removed = Faits qui ne sont plus à renseigner
diff-changed = Décision modifiée
diff-count-header = Cas
diff-detail = Même décision, détail modifié
diff-detail-hint = --all les liste
diff-case = Cas
diff-why = Pourquoi
diff-change = Changement
diff-colon = {" "}:{" "}
diff-semicolon = {" "};{" "}
diff-last-day = (date de fin modifiée)
diff-because = pourquoi
diff-because-scope = Pourquoi le champ diffère
diff-param = paramètre
diff-only-under = seulement sous
diff-expired-under = expirée sous
diff-day = le jour d'évaluation
diff-day-facts = le jour d'évaluation, comparé à
diff-outcome-changed = Même décision, résultat changé
diff-not-set = non défini
diff-by-case = par le cas

## Explications (doctrine explain)

explain-decision = Décision
explain-until = jusqu'au
explain-policy = politique
explain-on = au
explain-texts = textes appliqués
explain-none = aucun
explain-overrides = paramètres modifiés
explain-scope = Champ d'application
explain-in-scope = dans le champ.
explain-out-of-scope = hors du champ ; les règles ne sont pas examinées.
explain-scope-unknown = incertain.
explain-always-applies = S'applique toujours.
explain-applies = S'applique :
explain-does-not-apply = Ne s'applique pas :
explain-applies-unknown = Application incertaine :
explain-requirement-met = Exigence remplie :
explain-requirement-not-met = Exigence non remplie :
explain-requirement-unknown = Exigence incertaine :
explain-not-looked-at = non examinée
explain-exceptions-tried = Exceptions essayées :
explain-exceptions-not-tried = Exceptions non essayées :
explain-holds-gives = s'applique et donne
explain-does-not-hold = ne s'applique pas
explain-holds-unknown = application incertaine
explain-expired = s'applique, mais a expiré : son dernier jour était le
explain-last-day = Dernier jour :
explain-verdict = Verdict
explain-no-verdict = Aucun verdict : la règle ne s'applique pas.
explain-no-verdict-short = sans verdict
explain-decided-by = décidé par l'exception
explain-sources = Sources
explain-other-rules = Autres règles
explain-not-applying = Ne s'appliquent pas
explain-no-rule = Aucune règle ne s'applique.
explain-no-text = Aucun texte de la politique n'est en vigueur à cette date ; les règles ne sont pas examinées.
explain-missing = faute de
explain-is = vaut
explain-is-unknown = est inconnu
explain-is-not-set = n'est pas renseigné
explain-unknown = inconnu
explain-not-set = non renseigné
explain-not-evaluated = non évalué
explain-missing-facts = Faits à renseigner
explain-param = paramètre
explain-set-by = fixé par
explain-step-from = palier du
explain-source = source
explain-empty = (vide)
explain-see-above = {" "}(voir plus haut)
explain-colon = {" "}:{" "}
explain-open-quote = «{" "}
explain-close-quote = {" "}»
explain-outcome-value = Valeur
explain-decided-by-case = décidée par le cas
explain-case-otherwise = sinon donne
explain-case-unknown-gives = application incertaine ; donnerait
explain-possible-values = Valeurs possibles
explain-grounds-held = Motifs retenus :
explain-outcome-tag = {" "}(résultat)
explain-the-decision = {" "}(la décision)
explain-outcome-missing = Faits à renseigner pour décider

## Paramètres (doctrine params)

params-heading = Paramètres de
params-on = au
params-texts = textes appliqués
params-none = aucun
params-from = origine
params-step = palier du
params-base = texte de base
params-amendment = modification
params-since = à partir du
params-instead-of = au lieu de
params-from-text = selon
params-repealed = abrogé
params-repealed-by = abrogé par
params-not-in-force = pas en vigueur
params-brought-by = apporté par
params-in-force-from = en vigueur le
params-source = source
params-versions = versions
params-no-param = Aucun paramètre.
params-colon = {" "}:{" "}
params-computed = calculé par
params-with = avec

## Chronologies (doctrine timeline)

timeline-timeline = Chronologie
timeline-policy = politique
timeline-overrides = paramètres modifiés
timeline-until = jusqu'au
timeline-by = par
timeline-texts = textes appliqués
timeline-from = à partir du
timeline-rules = règles
timeline-none = aucun
timeline-no-rule = aucune règle ne donne de verdict
timeline-in-force-before = entrée en vigueur de{" "}
timeline-in-force-after = {""}
timeline-param = paramètre
timeline-applies = s'applique
timeline-no-longer = ne s'applique plus, était
timeline-expired = a expiré après le
timeline-in-scope = le cas entre dans le champ
timeline-out-of-scope = le cas sort du champ
timeline-scope-unknown = on ne sait plus si le cas est dans le champ
timeline-colon = {" "}:{" "}
timeline-semicolon = {" "};{" "}
timeline-why = {" "}— pourquoi :{" "}
timeline-day-passes-facts = le jour dépasse une limite calculée à partir de
timeline-day-passes = le jour dépasse une date de la politique
timeline-outcomes = résultats
timeline-outcome-in-force = est donné
timeline-outcome-not-in-force = n'est plus donné, était
timeline-not-set = non défini

## Remèdes (doctrine remedy)

remedy-title = Remèdes
remedy-now = décision actuelle
remedy-better = une meilleure décision
remedy-at-least = au moins
remedy-up-to = jusqu'à
remedy-changes = changements
remedy-change = changement
remedy-found = trouvé(s)
remedy-best = meilleure atteinte
remedy-reached = La décision atteint déjà la cible : rien à changer.
remedy-best-now = La décision est déjà la meilleure qu'un changement des faits puisse atteindre.
remedy-none = Aucun ensemble de changements n'atteint la cible.
remedy-none-cut = Aucun ensemble de changements atteignant la cible n'a été trouvé avant que la recherche soit coupée à son budget : il peut en exister ; --budget élargit la recherche.
remedy-until = jusqu'au
remedy-by = par
remedy-no-verdict = pas de verdict
remedy-scope = champ
remedy-scope-unknown = inconnu
remedy-scope-in = dans le champ
remedy-scope-out = hors du champ
remedy-across = seuil
remedy-added = ajouter
remedy-removed = retirer
remedy-shown = affiché(s)
remedy-stopped = Les ensembles plus grands n'ont pas été cherchés : les remèdes ci-dessus sont les plus petits ; --limit élargit la recherche.
remedy-cut = La recherche a été coupée à son budget avant d'essayer tous les ensembles de changements : d'autres remèdes peuvent exister ; --budget élargit la recherche.
remedy-leave = toute décision sauf
remedy-decided = une décision qui tranche
remedy-value-now = actuellement
remedy-colon = {" "}:{" "}

## Questions posées une à une (doctrine ask)

ask-decision = Décision
ask-colon = {" "}:{" "}
ask-questions = question(s) pour décider ; une réponse vide en passe une
ask-skip = vide : passer
ask-skipped = passée : reste inconnu
ask-unblocks = débloque
ask-scope = le champ
ask-end = Fin de l'entrée : les autres questions restent sans réponse.
ask-written = Fichier de faits écrit

## Fichiers de faits : leur schéma JSON (doctrine schema) et leur modèle (doctrine init)

schema-self = Le schéma JSON que suit ce fichier (pour les éditeurs) ; doctrine l'ignore.
schema-evaluated-on = Le jour dont parle le cas (AAAA-MM-JJ) ; absent : `--on`, sinon aujourd'hui.
schema-description = Les faits d'un cas. Un fait absent, ou null, prend sa valeur par défaut, n'est pas renseigné (faits optionnels) ou est inconnu (faits requis : les règles qui en ont besoin ne peuvent décider) ; aucun fait n'est donc exigé.
schema-required = requis : absent ou null, il est inconnu
schema-default = par défaut :
schema-optional = optionnel : absent ou null, il n'est pas renseigné
template-header =
    # Un fichier de faits, écrit par `doctrine init`. Remplissez les valeurs. Une valeur
    # vide (null) est absente : un fait avec une valeur par défaut la prend, un fait
    # optionnel n'est pas renseigné, un fait requis est inconnu (les règles qui en ont
    # besoin ne peuvent décider).
    # Pour la complétion et les contrôles d'un éditeur : `doctrine schema POLICY >
    # facts.schema.json` et `# yaml-language-server: $schema=facts.schema.json` en tête.
template-evaluated-on = # date (AAAA-MM-JJ) : le jour dont parle le cas ; vide : `--on`, sinon aujourd'hui.
template-required = requis (vide : inconnu)
template-default = par défaut :
template-optional = optionnel (vide : non renseigné)
template-one-of = # parmi :

## L'atelier (les pages de doctrine serve)

workbench-title = Atelier doctrine
workbench-navigation = Pages
workbench-law = La politique
workbench-params = Paramètres
workbench-language = Langue
workbench-on = Date
workbench-show = Afficher
workbench-search = Rechercher
workbench-search-label = Rechercher dans les titres, identifiants et sources
workbench-texts = Textes
workbench-base = Texte de base
workbench-amendment = Modification
workbench-in-force = En vigueur
workbench-not-yet = Pas encore en vigueur
workbench-status = État
workbench-file = Fichier
workbench-sha256 = SHA-256
workbench-rules = Règles
workbench-outcomes = Résultats
workbench-remarks = Conseils et notes
workbench-rule = Règle
workbench-exception = Exception
workbench-outcome = Résultat
workbench-advice = Conseil
workbench-note = Note
workbench-cites = Sources
workbench-exceptions = Exceptions
workbench-written = Tel qu'écrit
workbench-applies = S'applique si
workbench-requires = Exige
workbench-when = Quand
workbench-until = Jusqu'à
workbench-value = Valeur
workbench-facts = Faits
workbench-defs = Définitions
workbench-reads = Ce qu'elle lit (exceptions comprises)
workbench-read-by = Ce qui la lit
workbench-exception-to = Exception à
workbench-none = Aucun.
workbench-no-match = Rien ne correspond à la recherche.
workbench-text = Texte
workbench-origin = Fixé par
workbench-history = Historique
workbench-from = À partir du
workbench-computed = Calculé ainsi
workbench-overridden = Remplacé ; les textes donnent
workbench-not-found = Introuvable
workbench-not-found-detail = Aucune règle, exception, résultat, conseil ou note de cet identifiant n'est en vigueur à cette date.
workbench-bad-request = La requête est mal formée
workbench-in-text = Version en vigueur depuis
