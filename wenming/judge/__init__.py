"""Stage 2, judge: the model as of a date → statuses, roll-ups and scores.

Takes a `records.model.Year` and an explicit `as_of` date; gives `TaskResult`s,
a `YearProgress` and rubric scores. Pure: no disk, no clock.
Imports only `records`; `site`, `exports`, `authoring` and the edges may import it.
"""
