"""The value a suggestion is: a proposed annotation that nobody has accepted yet."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from models.values import CONTEXT_CHARS, KINDS  # an accepted suggestion anchors alike

__all__ = ["CONTEXT_CHARS", "KINDS", "Suggestion"]


@dataclass(frozen=True)
class Suggestion:
    kind: str
    start: int
    end: int
    text: str
    speaker: str = ""
    claimant: str = ""
    when: str = ""
    date: str = ""
    where: str = ""
    participants: tuple[str, ...] = ()
    status: str = ""  # claims: "unverified"
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def make(cls, article_text: str, kind: str, start: int, end: int,
             **fields: Any) -> Suggestion:
        return cls(kind=kind, start=start, end=end, text=article_text[start:end],
                   prefix=article_text[max(0, start - CONTEXT_CHARS):start],
                   suffix=article_text[end:end + CONTEXT_CHARS], **fields)

    def key(self) -> str:
        """Stable id for remembering a rejection: kind, span and a hash of the text."""
        digest = hashlib.sha1(self.text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"{self.kind}:{self.start}:{self.end}:{digest}"

    def fields(self) -> dict[str, Any]:
        """The annotation fields that belong to this suggestion's kind."""
        if self.kind == "quote":
            return {"speaker": self.speaker}
        if self.kind == "claim":
            return {"claimant": self.claimant, "status": self.status or "unverified"}
        return {"when": self.when, "date": self.date, "where": self.where,
                "participants": list(self.participants)}

    def as_json(self, article_id: int) -> dict[str, Any]:
        """The annotation JSON shape of exports, plus "article"."""
        return {
            "kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
            "prefix": self.prefix, "suffix": self.suffix, "note": "", "tags": [],
            "speaker": self.speaker, "claimant": self.claimant,
            "status": (self.status or "unverified") if self.kind == "claim" else "",
            "when": self.when, "date": self.date, "where": self.where,
            "participants": list(self.participants), "article": article_id,
        }
