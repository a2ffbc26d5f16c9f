"""Stage 1, records: `data/` → a validated model.

Takes the files under the data folder (the only code that reads them is `load`);
gives frozen dataclasses (`model`) and a list of `Problem`s with file and line.
Also here: the plan's phrases (`deadlines`), festivals and git report dates.
Imports nothing else of wenming; every other stage may import it.
"""
