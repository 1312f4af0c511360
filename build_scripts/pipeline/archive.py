"""What one build produced, and what it had to say about its sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Diagnostic, Document, Links, SourceText
from . import status, urls


class BuildError(Exception):
    """The build cannot run at all (a missing source folder, an output folder it must not replace)."""


@dataclass
class Archive:
    """Everything one build produced, and what it had to say about its sources."""

    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every source file considered, by name
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # published file -> its copies not published
    backups: list[str] = field(default_factory=list)  # backup folders of the source folder, not read
    notes: list[str] = field(default_factory=list)  # what the build did besides (a killed build's leftovers)
    assignment: urls.Assignment | None = None  # the page ids, and the record to save once published
    sources: list[SourceText] = field(default_factory=list)  # in the order of ``assignment.ids``
    # page id -> the key its document was loaded under (convert.key: its source, id and the build code), made once
    keys: dict[str, str] = field(default_factory=dict)
    # bodies that data/organisations.yml does not list: a name kept as written -> its files, and a
    # kind named after a body of its family ("Ban Chỉ đạo công tác tôn giáo") -> its files
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    by_family: dict[str, list[str]] = field(default_factory=dict)

    status: status.StatusFile | None = None  # the office's status file, when there is one

    def note_bodies(self, links: Links) -> None:
        self.unmapped, self.by_family = links.unmapped, links.by_family

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity != "error"]

    def task_count(self) -> int:
        return sum(len(doc.facts.tasks) for doc in self.documents)

    def tasks_with_status(self) -> int:
        """The tasks the office's status file gave a status."""
        return sum(1 for doc in self.documents for task in doc.facts.tasks if task.status)

    def failed(self, strict: bool = False) -> bool:
        """Whether the command should exit non-zero: on errors, and on warnings too when ``strict``."""
        return bool(self.errors or (strict and self.warnings))
