"""`wenming import plan`: from the plan document (.docx, .pdf, .txt, .md) to a checked draft plan.yml.

readers (document → blocks) → outline, frontmatter, tables (blocks → PlanDraft) → writer (YAML with
`# 待确认：` comments) → draft (checked with the validator `wenming check` uses) → command (the CLI).
"""

from .draft import ImportProblem, Imported, import_plan

__all__ = ["ImportProblem", "Imported", "import_plan"]
