"""Undoable changes to the project's people and links (ui/commands.py's pattern: the
first redo does the work, later steps put a recorded state back and refuse when another
program has changed it since)."""

from __future__ import annotations

from collections.abc import Callable

from models.people import PeopleChange
from models.values import Link
from ui.commands import _Command
from ui.session import ProjectSession


class PeopleCommand(_Command):
    """One people change (rename, merge, split, edit, delete), made by `make`."""

    def __init__(self, session: ProjectSession, text: str,
                 make: Callable[[], PeopleChange]) -> None:
        super().__init__(session, text)
        self.make = make
        self.change: PeopleChange | None = None

    def first_do(self) -> None:
        self.change = self.make()
        self.setText(self.change.text)
        if not (self.change.before or self.change.after or self.change.fields):
            self.setObsolete(True)  # nothing changed: no empty step in the history
        self._shown(self.change)

    def do(self) -> None:
        assert self.change is not None
        self.project.people.apply(self.change)
        self._shown(self.change)

    def revert(self) -> None:
        assert self.change is not None
        self.project.people.apply(self.change.inverse())
        self._shown(self.change)

    def _shown(self, change: PeopleChange) -> None:
        self.session.peopleChanged.emit(sorted(change.annotation_uuids))


class AddLinkCommand(_Command):
    def __init__(self, session: ProjectSession, source: str, target: str, type: str) -> None:
        super().__init__(session, f"Link ({type})")
        self.request = (source, target, type)
        self.link: Link | None = None

    def first_do(self) -> None:
        self.link = self.project.links.add(*self.request)
        self._shown()

    def do(self) -> None:
        assert self.link is not None
        self.project.links.restore(self.link)
        self._shown()

    def revert(self) -> None:
        assert self.link is not None
        self.project.links.remove(self.link)
        self._shown()

    def _shown(self) -> None:
        self.session.linksChanged.emit(list(self.request[:2]))


class RemoveLinkCommand(_Command):
    def __init__(self, session: ProjectSession, link: Link) -> None:
        super().__init__(session, f"Remove Link ({link.type})")
        self.link = link

    def do(self) -> None:
        self.project.links.remove(self.link)
        self.session.linksChanged.emit([self.link.source, self.link.target])

    def revert(self) -> None:
        self.project.links.restore(self.link)
        self.session.linksChanged.emit([self.link.source, self.link.target])


class CitesStatusCommand(_Command):
    def __init__(self, session: ProjectSession, link: Link, value: bool) -> None:
        super().__init__(session, "Cite for Status" if value else "Stop Citing for Status")
        self.link, self.value = link, value

    def do(self) -> None:
        self.project.links.set_cites_status(self.link, self.value)
        self.session.linksChanged.emit([self.link.source, self.link.target])

    def revert(self) -> None:
        self.project.links.set_cites_status(self.link, not self.value)
        self.session.linksChanged.emit([self.link.source, self.link.target])
