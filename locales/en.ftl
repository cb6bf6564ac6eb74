# The interface's own words in English. Policies bring their own labels and messages;
# these are the tool's: headings, verdict words, questions, number formats.
# Ids are GROUP-FIELD: the group is the report (or part of the program) that uses them.
# Leading or trailing spaces are written {" "}, an empty text {""}.

## Values as a reader reads them

value-true = true
value-false = false
value-unknown = (unknown)
value-not-set = (not set)
# Digits are grouped by three from 10,000 on.
value-group-separator = ,
value-decimal-point = .
value-years = { $n ->
    [1] { $n } year
    [-1] { $n } year
   *[other] { $n } years
}
value-months = { $n ->
    [1] { $n } month
    [-1] { $n } month
   *[other] { $n } months
}
value-days = { $n ->
    [1] { $n } day
    [-1] { $n } day
   *[other] { $n } days
}
# A large set in text output: its first members, then how many more.
value-and-more = { $first } and { $n } more
choice-yes = yes
choice-no = no

## Messages of the evaluation

undecided-message = Cannot decide: unknown facts: { $facts }.
answer-invalid = `{ $answer }` is not an answer: expected { $expected }
range-refused = must be { $range }, found { $value }
answer-refused = `{ $answer }` is not an answer: { $why }

## Questions for unknown facts

questions-heading = Questions to decide
questions-unblocks = unblocks
questions-scope = the scope

## Language fallback (a note on standard error)

lang-fallback-texts = note: the policy has no texts in `{ $requested }`; they are shown in `{ $shown }`
lang-fallback-words = note: the tool's words are not translated into `{ $requested }`; they are shown in `{ $shown }`
lang-fallback-both = note: neither the policy nor the tool has words in `{ $requested }`; they are shown in `{ $shown }`
lang-fallback-neutral = note: the policy's texts have no language tag; they are shown as written, which may not be `{ $requested }`

## A decision as text (doctrine eval)

decision-decision = Decision
decision-until = until
decision-policy = Policy
decision-texts = texts applied
decision-none = none
decision-on = as of
decision-rules = Rules
decision-no-rule = No rule applies.
decision-because = because
decision-by = decided by the exception
decision-expired = expired exception
decision-cites = source
decision-advice = Advice
decision-notes = Notes
decision-missing = Facts still needed
decision-overrides = parameters overridden
decision-outcomes = Outcomes
decision-case = decided by the case
decision-grounds = grounds
decision-colon = :{" "}

## Decision reports (Markdown, HTML)

report-title = Decision
report-titles = Decisions
report-decision = Decision
report-until = until
report-policy = Policy
report-facts = Facts
report-evaluated-on = Evaluated on
report-in-scope = In scope
report-yes = yes
report-no = no
report-unknown = unknown
report-overrides = Parameters overridden
report-amendments = Local amendments
report-tool = Tool
report-texts = Texts applied
report-text = Text
report-text-title = Title
report-in-force = In force from
report-file = File
report-sha256 = SHA-256
report-none = none
report-rules = Rules
report-no-rule = No rule applies.
report-rule = Rule
report-verdict = Verdict
report-message = Reason
report-cites = Sources
report-exception = Exception
report-expired = expired on
report-why = Why
report-read = Facts and parameters read
report-param = parameter
report-unknown-facts = unknown facts
report-advice = Advice
report-notes = Notes
report-missing = Facts still needed
report-missing-lead = These facts are unknown; giving them lets the rules that depend on them decide.
report-explanation = Explanation
report-scope = Scope
report-in-scope-holds = in scope
report-out-of-scope = outside the scope
report-scope-unknown = unknown
report-applies-when = Applies when
report-requires = Requires
report-exception-to = Exception
report-gives = gives
report-no-verdict = no verdict
report-value-unknown = unknown
report-not-set = not set
report-not-evaluated = not evaluated
report-shown-above = shown above
report-remedies = Remedies
report-remedies-lead = The smallest sets of changes to the facts that give a better decision, each checked by evaluating again.
report-remedies-none = No set of changes to the facts, within the search's bounds, gives a better decision.
report-remedies-more-before = The search stops here;{" "}
report-remedies-more-command = doctrine remedy
report-remedies-more-after = {" "}searches further, with more changes and other targets.
report-changes = Changes
report-effects = Rules whose verdict changes
report-across = across
report-added = add
report-removed = remove
report-by = by
report-colon = :{" "}
report-outcomes = Outcomes
report-outcome = Outcome
report-value = Value
report-case = Case
report-grounds = Grounds
report-outcome-case = case

## Comparisons (doctrine diff)

diff-count = { $n } of { $total } { $total ->
        [1] case
       *[other] cases
    }
diff-decision = Decision
diff-unchanged = unchanged
diff-as-of = as of
diff-each-date = as of each case's date
diff-texts = texts applied
diff-none = none
diff-until = until
diff-by = by the exception
diff-expired = expired on
diff-no-verdict = no verdict
diff-advice-added = Advice added
diff-advice-removed = Advice removed
diff-notes-added = Notes added
diff-notes-removed = Notes removed
diff-missing-added = Facts now needed
diff-missing-removed = Facts no longer needed
diff-changed = Decision changed
diff-count-header = Cases
diff-detail = Same decision, details changed
diff-detail-hint = --all lists them
diff-case = Case
diff-why = Why
diff-change = Change
diff-colon = :{" "}
diff-semicolon = ;{" "}
diff-last-day = (last day changed)
diff-because = why
diff-because-scope = Why the scope differs
diff-param = parameter
diff-only-under = only under
diff-expired-under = expired under
diff-day = the day of evaluation
diff-day-facts = the day of evaluation, compared with
diff-outcome-changed = Same decision, outcome changed
diff-not-set = not set
diff-by-case = by the case

## Explanations (doctrine explain)

explain-decision = Decision
explain-until = until
explain-policy = policy
explain-on = as of
explain-texts = texts applied
explain-none = none
explain-overrides = parameters overridden
explain-scope = Scope
explain-in-scope = in the scope.
explain-out-of-scope = outside the scope; the rules are not looked at.
explain-scope-unknown = unknown.
explain-always-applies = Always applies.
explain-applies = Applies:
explain-does-not-apply = Does not apply:
explain-applies-unknown = Whether it applies is unknown:
explain-requirement-met = Requirement met:
explain-requirement-not-met = Requirement not met:
explain-requirement-unknown = Requirement unknown:
explain-not-looked-at = not looked at
explain-exceptions-tried = Exceptions tried:
explain-exceptions-not-tried = Exceptions not tried:
explain-holds-gives = holds and gives
explain-does-not-hold = does not hold
explain-holds-unknown = whether it holds is unknown
explain-expired = holds, but has expired: its last day was
explain-last-day = Last day:
explain-verdict = Verdict
explain-no-verdict = No verdict: the rule does not apply.
explain-no-verdict-short = no verdict
explain-decided-by = decided by the exception
explain-sources = Sources
explain-other-rules = Other rules
explain-not-applying = Not applying
explain-no-rule = No rule applies.
explain-no-text = No text of the policy is in force on that day; the rules are not looked at.
explain-missing = missing
explain-is = is
explain-is-unknown = is unknown
explain-is-not-set = is not set
explain-unknown = unknown
explain-not-set = not set
explain-not-evaluated = not evaluated
explain-missing-facts = Facts still needed
explain-param = parameter
explain-set-by = set by
explain-step-from = step from
explain-source = source
explain-empty = (empty)
explain-see-above = {" "}(see above)
explain-colon = :{" "}
explain-open-quote = "
explain-close-quote = "
explain-outcome-value = Value
explain-decided-by-case = decided by the case
explain-case-otherwise = otherwise gives
explain-case-unknown-gives = whether it holds is unknown; it would give
explain-possible-values = Possible values
explain-grounds-held = Grounds that held:
explain-outcome-tag = {" "}(outcome)
explain-the-decision = {" "}(the decision)
explain-outcome-missing = Facts still needed to decide

## Parameters (doctrine params)

params-heading = Parameters of
params-on = on
params-texts = texts applied
params-none = none
params-from = from
params-step = step of
params-base = base text
params-amendment = amendment
params-since = from
params-instead-of = instead of
params-from-text = from
params-repealed = repealed
params-repealed-by = repealed by
params-not-in-force = not in force
params-brought-by = brought by
params-in-force-from = in force from
params-source = source
params-versions = versions
params-no-param = No parameter.
params-colon = :{" "}
params-computed = computed as
params-with = with

## Timelines (doctrine timeline)

timeline-timeline = Timeline
timeline-policy = policy
timeline-overrides = parameters overridden
timeline-until = until
timeline-by = by
timeline-texts = texts applied
timeline-from = from
timeline-rules = rules
timeline-none = none
timeline-no-rule = no rule gives a verdict
timeline-in-force-before = {""}
timeline-in-force-after = {" "}comes into force
timeline-param = parameter
timeline-applies = applies
timeline-no-longer = no longer applies, was
timeline-expired = expired after
timeline-in-scope = the case comes into the scope
timeline-out-of-scope = the case goes out of the scope
timeline-scope-unknown = whether the case is in scope is no longer known
timeline-colon = :{" "}
timeline-semicolon = ;{" "}
timeline-why = {" "}— why:{" "}
timeline-day-passes-facts = the day passes a limit computed from
timeline-day-passes = the day passes a date of the policy
timeline-outcomes = outcomes
timeline-outcome-in-force = is given
timeline-outcome-not-in-force = is no longer given, was
timeline-not-set = not set

## Remedies (doctrine remedy)

remedy-title = Remedies
remedy-now = decision now
remedy-better = a better decision
remedy-at-least = at least
remedy-up-to = up to
remedy-changes = changes
remedy-change = change
remedy-found = found
remedy-best = best reached
remedy-reached = The decision already reaches the target: nothing to change.
remedy-best-now = The decision is already the best that changing facts can reach.
remedy-none = No set of changes reaches the target.
remedy-none-cut = No set of changes that reaches the target was found before the search was cut at its budget: one may exist; --budget widens the search.
remedy-until = until
remedy-by = by
remedy-no-verdict = no verdict
remedy-scope = scope
remedy-scope-unknown = unknown
remedy-scope-in = in
remedy-scope-out = out
remedy-across = threshold
remedy-added = add
remedy-removed = remove
remedy-shown = shown
remedy-stopped = Larger sets were not searched: the remedies above are the smallest; --limit widens the search.
remedy-cut = The search was cut at its budget before every set of changes was tried: other remedies may exist; --budget widens the search.
remedy-leave = any decision but
remedy-decided = a decision that decides
remedy-value-now = now
remedy-colon = :{" "}

## Questions asked one by one (doctrine ask)

ask-decision = Decision
ask-colon = :{" "}
ask-questions = question(s) to decide; an empty answer skips one
ask-skip = empty: skip
ask-skipped = skipped: left unknown
ask-unblocks = unblocks
ask-scope = the scope
ask-end = End of input: the other questions are left unanswered.
ask-written = Fact file written

## Fact files: their JSON Schema (doctrine schema) and template (doctrine init)

schema-self = The JSON Schema this file follows (for editors); doctrine ignores it.
schema-evaluated-on = The day the case speaks of (YYYY-MM-DD); left out: `--on`, else today.
schema-description = Facts of one case. A fact left out, or null, takes its default, is not set (optional facts) or is unknown (required facts: the rules that need it cannot decide); so no fact is listed as required.
schema-required = required: left out or null, it is unknown
schema-default = default:
schema-optional = optional: left out or null, it is not set
template-header =
    # A fact file, written by `doctrine init`. Fill in the values. A value left empty
    # (null) is left out: a fact with a default takes it, an optional fact is not set,
    # a required fact is unknown (the rules that need it cannot decide).
    # For an editor's completion and checks: `doctrine schema POLICY > facts.schema.json`
    # and add `# yaml-language-server: $schema=facts.schema.json` as the first line.
template-evaluated-on = # date (YYYY-MM-DD): the day the case speaks of; left empty: `--on`, else today.
template-required = required (empty: unknown)
template-default = default:
template-optional = optional (empty: not set)
template-one-of = # one of:

## The workbench (doctrine serve's pages)

workbench-title = Doctrine workbench
workbench-navigation = Pages
workbench-law = The policy
workbench-params = Parameters
workbench-language = Language
workbench-on = Day
workbench-show = Show
workbench-search = Search
workbench-search-label = Search titles, ids and citations
workbench-texts = Texts
workbench-base = Base text
workbench-amendment = Amendment
workbench-in-force = In force
workbench-not-yet = Not yet in force
workbench-status = Status
workbench-file = File
workbench-sha256 = SHA-256
workbench-rules = Rules
workbench-outcomes = Outcomes
workbench-remarks = Advice and notes
workbench-rule = Rule
workbench-exception = Exception
workbench-outcome = Outcome
workbench-advice = Advice
workbench-note = Note
workbench-cites = Sources
workbench-exceptions = Exceptions
workbench-written = As written
workbench-applies = Applies when
workbench-requires = Requires
workbench-when = When
workbench-until = Until
workbench-value = Value
workbench-facts = Facts
workbench-defs = Definitions
workbench-reads = What it reads (its exceptions included)
workbench-read-by = What reads it
workbench-exception-to = Exception to
workbench-none = None.
workbench-no-match = Nothing matches the search.
workbench-text = Text
workbench-origin = Set by
workbench-history = History
workbench-from = From
workbench-computed = Computed as
workbench-overridden = Overridden; the texts give
workbench-not-found = Not found
workbench-not-found-detail = No rule, exception, outcome, advice or note of this id is in force on this day.
workbench-bad-request = The request is malformed
workbench-in-text = Version in force from
