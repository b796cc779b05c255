"""The sample article and annotations a new user's default project starts with.

The story is fictional (place, people and events are invented) but written the way wire
copy is: headline, byline, dateline, direct quotes, dated events and contested claims.
"""

from __future__ import annotations

from models.project import Project
from models.values import ArticleMeta

TITLE = "Harbour city votes to close coal terminal by 2030 after heated debate"

TEXT = """\
Harbour city votes to close coal terminal by 2030 after heated debate

By Marta Kovač, Regional Affairs Correspondent
Published March 14, 2025

PORT ELLIS — The city council of Port Ellis voted 7-4 on Thursday night to close the municipal coal terminal by the end of 2030, ending more than a century of coal shipments through the town's deep-water harbour.

“This is the hardest vote I have cast in eleven years on this council,” said Mayor Helena Ostrander after the session, which ran past midnight. “But the numbers no longer add up, and pretending otherwise would be the real betrayal of the people who work there.”

The terminal employs 340 people directly, according to figures released by the port authority in January. The dockworkers’ union says the true number, counting contractors, is closer to 900.

Union secretary Daniel Achterberg called the decision “a death sentence for the east side.” Speaking to reporters outside the council chamber, he said: “Nobody in that room has ever loaded a ship. They voted on a spreadsheet.”

The council’s own consultants estimated last autumn that coal volumes through Port Ellis fell by 38 percent between 2019 and 2024. Councillor Priya Raman, who proposed the motion, claimed that the terminal has lost money in four of the past five years, a figure the port authority has disputed.

“We are not closing a profitable business,” Raman said. “We are choosing how to end a loss-making one before it ends on its own.”

The closure plan sets out three stages. Shipments of thermal coal will stop on June 30, 2027. The two remaining coal berths will be converted for container and wind-turbine cargo starting in 2028, and the site will close to coal entirely on December 31, 2030.

Opponents warned that the conversion depends on a €120 million grant that the national infrastructure fund has not yet approved. Achterberg said that without the grant “the turbines will go to Rotterdam and the jobs will go with them.”

The fund’s chair, Olav Brekke, told the Harbour Gazette on Friday that a decision would come “before the summer,” but declined to say whether the application was likely to succeed.

A public meeting on retraining programmes is scheduled for April 2 at the Eastside Community Hall. The union has said it will hold a protest march on the same day.

Asked whether the vote could be reversed after the municipal elections in October, Ostrander was blunt. “Any council can undo what this one did,” she said. “But the ships will have stopped coming long before then.”
"""

PUBLISHED = "2025-03-14"

# (kind, exact text, occurrence, fields)
ANNOTATIONS: list[tuple[str, str, int, dict]] = [
    ("event", "The city council of Port Ellis voted 7-4 on Thursday night to close the municipal "
     "coal terminal by the end of 2030", 0,
     {"when": "Thursday night", "date": "2025-03-13", "where": "Port Ellis",
      "participants": ["Port Ellis city council"], "tags": ["vote"]}),
    ("quote", "This is the hardest vote I have cast in eleven years on this council", 0,
     {"speaker": "Helena Ostrander", "tags": ["vote"]}),
    ("quote", "But the numbers no longer add up, and pretending otherwise would be the real "
     "betrayal of the people who work there.", 0,
     {"speaker": "Helena Ostrander", "note": "Frames the closure as honesty towards workers."}),
    ("claim", "The terminal employs 340 people directly", 0,
     {"claimant": "Port Ellis port authority", "status": "verified",
      "note": "Port authority annual report, January 2025.", "tags": ["jobs"]}),
    ("claim", "the true number, counting contractors, is closer to 900", 0,
     {"claimant": "Dockworkers' union", "status": "disputed",
      "note": "No contractor list published; ask the union for its source.", "tags": ["jobs"]}),
    ("quote", "a death sentence for the east side.", 0,
     {"speaker": "Daniel Achterberg", "tags": ["jobs"]}),
    ("quote", "Nobody in that room has ever loaded a ship. They voted on a spreadsheet.", 0,
     {"speaker": "Daniel Achterberg"}),
    ("event", "The council’s own consultants estimated last autumn that coal volumes through "
     "Port Ellis fell by 38 percent", 0,
     {"when": "last autumn", "where": "Port Ellis", "participants": ["council consultants"]}),
    ("claim", "coal volumes through Port Ellis fell by 38 percent between 2019 and 2024", 0,
     {"claimant": "Council consultants", "status": "verified",
      "note": "Overlaps the event: the estimate is itself the claim.", "tags": ["finances"]}),
    ("quote", "the turbines will go to Rotterdam and the jobs will go with them.", 0,
     {"speaker": "Daniel Achterberg", "tags": ["jobs"]}),
    ("claim", "the terminal has lost money in four of the past five years", 0,
     {"claimant": "Priya Raman", "status": "unverified",
      "note": "Port authority disputes the figure; request audited accounts.",
      "tags": ["finances"]}),
    ("quote", "We are not closing a profitable business,", 0,
     {"speaker": "Priya Raman", "tags": ["finances"]}),
    ("event", "Shipments of thermal coal will stop on June 30, 2027.", 0,
     {"when": "June 30, 2027", "date": "2027-06-30", "where": "Port Ellis"}),
    ("event", "the site will close to coal entirely on December 31, 2030", 0,
     {"when": "December 31, 2030", "date": "2030-12-31", "where": "Port Ellis"}),
    ("claim", "the conversion depends on a €120 million grant that the national infrastructure "
     "fund has not yet approved", 0,
     {"claimant": "Opponents of the closure", "status": "verified", "tags": ["finances"]}),
    ("event", "A public meeting on retraining programmes is scheduled for April 2 at the "
     "Eastside Community Hall.", 0,
     {"when": "April 2", "date": "2025-04-02", "where": "Eastside Community Hall",
      "participants": ["Port Ellis council", "Dockworkers' union"]}),
    ("quote", "Any council can undo what this one did,", 0, {"speaker": "Helena Ostrander"}),
]


def add_sample(project: Project) -> int:
    """Add the sample article with its annotations; returns the article id."""
    article = project.articles.add(TEXT, ArticleMeta(
        title=TITLE, source="Harbour Gazette (sample article)", author="Marta Kovač",
        published=PUBLISHED, language="en", filename="sample article",
        summary="Port Ellis council votes 7-4 to end coal shipments by 2030; union disputes "
                "job numbers and the plan hinges on an unapproved €120m grant.",
    ))
    built = []
    for kind, quote, occurrence, values in ANNOTATIONS:
        start = -1
        for _ in range(occurrence + 1):
            start = TEXT.index(quote, start + 1)
        built.append(project.annotations.build(
            article_id=article.id, kind=kind, start=start, end=start + len(quote), **values))
    project.annotations.add_many(built)
    return article.id
