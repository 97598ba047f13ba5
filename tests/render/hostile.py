"""A pole whose every text tries to break the documents: HTML, Markdown, CSV formulas."""

from __future__ import annotations

HOSTILE_NAMES = [
    "<script>alert('x')</script>",
    "Pipe | Coop",
    "*Star* _under_ `tick`",
    "</td><td>cell",
    "# Heading",
    "[link](javascript:alert(1))",
    "=HYPERLINK(\"http://evil\")",
    "<img src=x onerror=alert(1)>",
]


def hostile_pole():
    from ptce_kit.model import Pole

    actors = [
        {"id": f"a{i}", "name": name, "category": "ess_enterprise", "status": "member", "legal_form": name,
         "description": name, "presence": "resident",
         "contacts": [{"name": name, "role": name, "email": f"a{i}@example.org",
                       "legal_representative": True}]}
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    return Pole(
        id="hostile", name="<b>Pôle</b> | *x*", long_name="</title><script>x()</script>",
        actors=actors,
        partnerships=[{"id": "t", "actors": ["a0", "a1"], "kind": "cooperation",
                       "topic": "</li><script>y()</script> | *t*"}],
        projects=[{"id": "p", "name": "<iframe> | p", "actors": ["a2"]}],
        governance={"bodies": [{"name": "<u>Board</u> |", "cadence": {"every": 6, "unit": "week"}}],
                    "colleges": [{"name": "<i>C</i> | 1", "members": ["a0"], "weight": 100}]},
        indicators=[{"name": "<svg onload=z()> | n", "value": 3, "source": "| src <s>"}],
        narrative={"argument": "<script>n()</script>\n\n### <h1>T</h1> | x\n\n- not a list\n\n1. nor this",
                   "summary": "> quote? <b>bold</b>"},
    )
