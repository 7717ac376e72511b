"""A planned session created from the shipped programme (so it has the real agenda), with
people invited from several khu phố, for the plan, invitation and documents-window tests
(real SQLite, no mocks)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time

from trainer_app.db.models import Neighbourhood
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.results import session_detail
from trainer_app.services.workspace.opening import Workspace
from trainer_app.services.workspace.settings import OrgSettings, save_org

DAY = date(2026, 12, 3)
TITLE = "Tập huấn bảo vệ trẻ em trên môi trường mạng — đợt 1"
VENUE = "Hội trường khu phố 2, số 15 đường Lê Văn Lương"
TRAINERS = "BS. Nguyễn Thị Hồng Nhung; YS. Trần Văn Bình"
PEOPLE: list[tuple[str, str | None, str]] = [
    ("Trần Văn Út", "male", "Khu phố 10"), ("Lê Thị Ánh", "female", "Khu phố 2"),
    ("Nguyễn Thị Thuý", "female", "Khu phố 2"), ("Phạm Đức Anh", "male", "Khu phố 10"),
    ("Võ Thị Đào", None, ""), ("Hồ Văn Dũng", "male", "Khu phố 1")]


def set_org(ws: Workspace) -> OrgSettings:
    return save_org(ws.session_factory, OrgSettings(
        unit_name="TRẠM Y TẾ PHƯỜNG TÂN HƯNG", parent_body="TRUNG TÂM Y TẾ KHU VỰC TÂN HƯNG",
        place_name="Tân Hưng", signer_name="Nguyễn Thị Hồng Nhung",
        signer_title="KT. TRƯỞNG TRẠM / PHÓ TRƯỞNG TRẠM",
        recipients=["UBND phường Tân Hưng (để báo cáo)", "TTYT khu vực Tân Hưng"]))


def _hood(ws: Workspace, name: str) -> int | None:
    if not name:
        return None
    with ws.session_factory.begin() as s:
        found = s.query(Neighbourhood).filter_by(name=name).one_or_none()
        if found is None:
            found = Neighbourhood(name=name)
            s.add(found)
            s.flush()
        return found.id


def make_session(ws: Workspace, people: list[tuple[str, str | None, str]] | None = None, *,
                 title: str = TITLE, held_on: date = DAY, venue: str = VENUE,
                 start: time | None = time(8, 0), end: time | None = time(11, 0)) -> int:
    """A session of the shipped programme with ``people`` (name, gender, khu phố)
    invited."""
    draft = session_service.SessionDraft(held_on=held_on, title=title, start_time=start,
                                         end_time=end, venue=venue, trainers=TRAINERS)
    sid = session_service.create_session(ws.session_factory, draft).session_id
    ids = [add_person(ws.session_factory, PersonInput(
        full_name=name, gender=gender, birth_year=1960 + i,
        neighbourhood_id=_hood(ws, hood))).id
        for i, (name, gender, hood) in enumerate(PEOPLE if people is None else people)]
    if ids:
        session_service.invite(ws.session_factory, sid, person_ids=tuple(ids))
    return sid


def step_titles(ws: Workspace, session_id: int) -> list[str]:
    return [s.title for s in session_detail(ws.session_factory, session_id).steps]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made one space (a wrapped line is still
    the same words), NFC."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
