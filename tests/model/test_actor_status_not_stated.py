"""An actor's status not given is "not stated": never a member, and never written back as one."""

from __future__ import annotations

import json

from ptce_kit.io import dump_pole, load_pole, save_pole
from ptce_kit.model import Actor, ActorStatus, Pole
from ptce_kit.model.life import member_known_at, undated_members_at


def _pole(**status: str) -> Pole:
    actors = [{"id": "a", "name": "A", "category": "enterprise", "joined": "2015"},
              {"id": "b", "name": "B", "category": "enterprise", "joined": "2015", "status": "member"}]
    for actor in actors:
        if actor["id"] in status:
            actor["status"] = status[actor["id"]]
    return Pole.model_validate({"id": "p", "name": "P", "actors": actors})


def test_a_status_not_given_is_none():
    actor = Actor(id="a", name="A", category="enterprise")
    assert actor.status is None
    assert Actor(id="a", name="A", category="enterprise", status="member").status is ActorStatus.MEMBER


def test_an_actor_without_status_is_part_of_the_pole_but_no_member():
    pole = _pole()
    unstated, member = pole.actor("a"), pole.actor("b")
    assert unstated.active_at("2020") and member.active_at("2020")  # both take part in the pole
    assert not member_known_at(unstated, "2020-12-31") and member_known_at(member, "2020-12-31")
    undated = Pole.model_validate({"id": "p", "name": "P", "actors": [
        {"id": "a", "name": "A", "category": "enterprise"},
        {"id": "b", "name": "B", "category": "enterprise", "status": "member"}]})
    assert [a.id for a in undated_members_at(undated, "2020-12-31")] == ["b"]


def test_save_pole_writes_no_status_that_was_not_given(tmp_path):
    pole = _pole()
    text = dump_pole(pole)
    assert text.count("status:") == 1 and "status: member" in text  # b's, given; a's, not
    path = save_pole(pole, tmp_path / "pole.yaml")
    again = load_pole(path)
    assert again.actor("a").status is None and again.actor("b").status is ActorStatus.MEMBER
    data = json.loads(dump_pole(again, fmt="json"))
    assert "status" not in data["actors"][0] and data["actors"][1]["status"] == "member"


def test_the_schema_gives_no_default_status():
    from ptce_kit.io.schema import pole_json_schema

    schema = pole_json_schema()
    actor = schema["$defs"]["Actor"]["properties"]["status"]
    assert actor.get("default") is None
    assert "status" not in schema["$defs"]["Actor"].get("required", [])
    assert "never counted as a member" in json.dumps(actor)
