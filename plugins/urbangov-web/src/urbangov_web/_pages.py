"""The pages' templates (Jinja2, every value escaped) and their words in both languages."""

from __future__ import annotations

from typing import Final

import jinja2

__all__ = ["PAGES", "WORDS"]

WORDS: Final = {
    "vi": {
        "title": "Theo dõi thực hiện kế hoạch",
        "login": "Đăng nhập",
        "logout": "Đăng xuất",
        "account": "Tài khoản",
        "password": "Mật khẩu",
        "bad_login": "Tài khoản hoặc mật khẩu không đúng.",
        "csrf": "Phiên làm việc đã hết hạn; vui lòng gửi lại biểu mẫu.",
        "report": "Báo cáo tiến độ",
        "status": "Tình hình thực hiện",
        "gantt": "Biểu đồ Gantt",
        "task": "Nhiệm vụ",
        "reported_on": "Ngày báo cáo",
        "percent": "Tỷ lệ hoàn thành (%)",
        "actual_start": "Ngày bắt đầu thực tế",
        "actual_finish": "Ngày hoàn thành thực tế",
        "remaining": "Số ngày làm việc còn lại",
        "note": "Ghi chú",
        "send": "Gửi báo cáo",
        "saved": "Đã ghi nhận báo cáo của nhiệm vụ",
        "again": "Báo cáo này đã được ghi nhận trước đó (không ghi hai lần).",
        "nothing": "Tài khoản này không chủ trì nhiệm vụ nào để báo cáo.",
        "acts_as": "Thay mặt",
        "as_of": "Số liệu đến ngày",
        "overdue": "Nhiệm vụ quá hạn",
        "none_overdue": "Không có nhiệm vụ quá hạn.",
        "deadline": "Hạn",
        "days_late": "Số ngày làm việc quá hạn",
        "lead": "Cơ quan chủ trì",
        "meetings": "Cuộc họp",
        "no_meetings": "Không có cuộc họp nào trong hai tháng tới.",
        "extensions": "Gia hạn",
        "ask": "Đề nghị gia hạn",
        "new_deadline": "Hạn mới đề nghị",
        "reason": "Lý do",
        "requested_on": "Ngày đề nghị",
        "decide": "Đề nghị chờ quyết định",
        "decided_on": "Ngày quyết định",
        "approve": "Đồng ý",
        "reject": "Không đồng ý",
        "none_pending": "Không có đề nghị gia hạn nào chờ tài khoản này quyết định.",
        "recorded": "Đã ghi nhận.",
        "section": {
            "overdue": "Quá hạn",
            "deadline-missed": "Trễ hạn",
            "at-risk": "Có nguy cơ trễ hạn",
            "extension-requested": "Đề nghị gia hạn",
            "due": "Đến hạn",
            "critical": "Trên đường găng",
        },
    },
    "en": {
        "title": "Plan tracking",
        "login": "Sign in",
        "logout": "Sign out",
        "account": "Account",
        "password": "Password",
        "bad_login": "Wrong account or password.",
        "csrf": "The session expired; please send the form again.",
        "report": "Report progress",
        "status": "Status",
        "gantt": "Gantt chart",
        "task": "Task",
        "reported_on": "Report date",
        "percent": "Percent complete",
        "actual_start": "Actual start",
        "actual_finish": "Actual finish",
        "remaining": "Working days left",
        "note": "Note",
        "send": "Send the report",
        "saved": "Report recorded for task",
        "again": "This report was recorded before (not stored twice).",
        "nothing": "This account leads no task to report on.",
        "acts_as": "Acting as",
        "as_of": "Status as of",
        "overdue": "Overdue tasks",
        "none_overdue": "No task is overdue.",
        "deadline": "Deadline",
        "days_late": "Working days late",
        "lead": "Lead",
        "meetings": "Meetings",
        "no_meetings": "No meeting in the next two months.",
        "extensions": "Extensions",
        "ask": "Ask for an extension",
        "new_deadline": "Requested deadline",
        "reason": "Reason",
        "requested_on": "Request date",
        "decide": "Requests awaiting a decision",
        "decided_on": "Decision date",
        "approve": "Approve",
        "reject": "Reject",
        "none_pending": "No extension request awaits this account's decision.",
        "recorded": "Recorded.",
        "section": {
            "overdue": "Overdue",
            "deadline-missed": "Deadline missed",
            "at-risk": "At risk",
            "extension-requested": "Extension requested",
            "due": "Due",
            "critical": "Critical",
        },
    },
}

_LAYOUT: Final = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ words.title }} · {{ plan.title }}</title>
<style>
body { font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 60rem;
       padding: 0 1rem; color: #1b1b1b; }
nav { display: flex; gap: 1rem; align-items: center; padding: .75rem 0;
      border-bottom: 1px solid #ccc; flex-wrap: wrap; }
nav form { margin-left: auto; }
label { display: block; margin-top: .75rem; font-weight: 600; }
input, select, textarea { font: inherit; padding: .3rem; width: 100%; max-width: 36rem;
                          box-sizing: border-box; }
button { font: inherit; margin-top: 1rem; padding: .4rem 1rem; }
.error { background: #fde7e9; border-left: 4px solid #b00020; padding: .5rem 1rem; }
.done { background: #e6f4ea; border-left: 4px solid #0f7b3f; padding: .5rem 1rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left;
         vertical-align: top; }
.inline { display: inline; }
.inline button { margin: 0 .25rem; }
</style></head><body>
<nav>
<strong>{{ plan.title }}</strong>
{% if account %}
<a href="/report?lang={{ lang }}">{{ words.report }}</a>
<a href="/status?lang={{ lang }}">{{ words.status }}</a>
<a href="/gantt?lang={{ lang }}">{{ words.gantt }}</a>
<a href="/overdue?lang={{ lang }}">{{ words.overdue }}</a>
<a href="/meetings?lang={{ lang }}">{{ words.meetings }}</a>
<a href="/extensions?lang={{ lang }}">{{ words.extensions }}</a>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="{{ csrf }}">
<span>{{ account.name or account.id }}</span>
<button type="submit">{{ words.logout }}</button></form>
{% endif %}
</nav>
<main>{% block main %}{% endblock %}</main>
</body></html>
"""

_LOGIN: Final = """{% extends "layout.html" %}{% block main %}
<h1>{{ words.login }}</h1>
{% if error == "login" %}<p class="error" role="alert">{{ words.bad_login }}</p>{% endif %}
{% if error == "csrf" %}<p class="error" role="alert">{{ words.csrf }}</p>{% endif %}
<form method="post" action="/login?lang={{ lang }}">
<input type="hidden" name="csrf" value="{{ csrf }}">
<label for="account">{{ words.account }}</label>
<input id="account" name="account" autocomplete="username" required>
<label for="password">{{ words.password }}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="sign-in">{{ words.login }}</button>
</form>
{% endblock %}
"""

_REPORT: Final = """{% extends "layout.html" %}{% block main %}
<h1>{{ words.report }}</h1>
<p>{{ words.acts_as }}: <code>{{ account.acts_as }}</code>.
{{ words.as_of }} {{ day }}.</p>
{% if error_text %}<p class="error" role="alert" id="error">{{ error_text }}</p>{% endif %}
{% if done is defined %}<p class="done" role="status" id="done">
{% if done %}{{ words.saved }} <code>{{ task }}</code>.{% else %}{{ words.again }}{% endif %}
</p>{% endif %}
{% if tasks %}
<form method="post" action="/report?lang={{ lang }}">
<input type="hidden" name="csrf" value="{{ csrf }}">
<input type="hidden" name="client_key" value="{{ client_key }}">
<label for="task">{{ words.task }}</label>
<select id="task" name="task" required>
{% for id, title in tasks.items() %}<option value="{{ id }}">{{ title }} ({{ id }})</option>
{% endfor %}</select>
<label for="reported_on">{{ words.reported_on }}</label>
<input id="reported_on" name="reported_on" type="date" value="{{ day }}" required>
<label for="percent_complete">{{ words.percent }}</label>
<input id="percent_complete" name="percent_complete" type="number" min="0" max="100">
<label for="actual_start">{{ words.actual_start }}</label>
<input id="actual_start" name="actual_start" type="date">
<label for="actual_finish">{{ words.actual_finish }}</label>
<input id="actual_finish" name="actual_finish" type="date">
<label for="remaining_duration">{{ words.remaining }}</label>
<input id="remaining_duration" name="remaining_duration" type="number" min="0">
<label for="note">{{ words.note }}</label>
<textarea id="note" name="note" rows="3"></textarea>
<button type="submit" id="send">{{ words.send }}</button>
</form>
{% else %}<p>{{ words.nothing }}</p>{% endif %}
{% endblock %}
"""

_OVERDUE: Final = """{% extends "layout.html" %}{% block main %}
<h1>{{ words.overdue }}</h1>
<p>{{ words.as_of }} {{ day }}.</p>
{% if late %}<table id="overdue"><thead><tr><th>{{ words.task }}</th><th>{{ words.lead }}</th>
<th>{{ words.deadline }}</th><th>{{ words.days_late }}</th></tr></thead><tbody>
{% for t in late %}<tr><td>{{ titles[t.task] }}<br><code>{{ t.task }}</code></td>
<td>{{ t.lead or "" }}</td><td>{{ t.deadline }}</td><td>{{ t.days_late }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p>{{ words.none_overdue }}</p>{% endif %}
{% endblock %}
"""

_MEETINGS: Final = """{% extends "layout.html" %}{% block main %}
<h1>{{ words.meetings }}</h1>
<p>{{ words.as_of }} {{ day }}.</p>
{% for agenda in agendas %}
<section class="meeting"><h2>{{ agenda.occurrence.date }}:
{{ programmes.get(agenda.occurrence.programme, agenda.occurrence.programme) }}</h2>
{% for section, items in agenda.items|groupby("section") %}
<h3>{{ words.section[section.value] }}</h3><ul>
{% for item in items %}<li><code>{{ item.task_id }}</code> {{ item.title }}
{% if item.lead %}({{ item.lead }}){% endif %}{% if item.due %}: {{ item.due }}{% endif %}
{% if item.note %}<br><small>{{ item.note }}</small>{% endif %}</li>
{% endfor %}</ul>
{% endfor %}</section>
{% else %}<p>{{ words.no_meetings }}</p>{% endfor %}
{% endblock %}
"""

_EXTENSIONS: Final = """{% extends "layout.html" %}{% block main %}
<h1>{{ words.extensions }}</h1>
{% if error_text %}<p class="error" role="alert" id="error">{{ error_text }}</p>{% endif %}
{% if done is defined %}<p class="done" role="status" id="done">
{% if done %}{{ words.recorded }} <code>{{ task }}</code>{% else %}{{ words.again }}{% endif %}
</p>{% endif %}
{% if tasks %}<h2>{{ words.ask }}</h2>
<form method="post" action="/extensions?lang={{ lang }}" id="ask">
<input type="hidden" name="csrf" value="{{ csrf }}">
<input type="hidden" name="client_key" value="{{ client_key }}">
<input type="hidden" name="action" value="request">
<label for="task">{{ words.task }}</label>
<select id="task" name="task" required>
{% for id, title in tasks.items() %}<option value="{{ id }}">{{ title }} ({{ id }})</option>
{% endfor %}</select>
<label for="requested_on">{{ words.requested_on }}</label>
<input id="requested_on" name="requested_on" type="date" value="{{ day }}" required>
<label for="new_deadline">{{ words.new_deadline }}</label>
<input id="new_deadline" name="new_deadline" type="date" required>
<label for="reason">{{ words.reason }}</label>
<textarea id="reason" name="reason" rows="2"></textarea>
<button type="submit">{{ words.ask }}</button>
</form>{% endif %}
<h2>{{ words.decide }}</h2>
{% if pending %}<table id="pending"><tbody>
{% for r in pending %}<tr><td><code>{{ r.task }}</code>: {{ r.new_deadline }}
{% if r.reason %}<br><small>{{ r.reason }}</small>{% endif %}</td><td>
<form method="post" action="/extensions?lang={{ lang }}" class="inline">
<input type="hidden" name="csrf" value="{{ csrf }}">
<input type="hidden" name="client_key" value="{{ client_key }}-{{ loop.index }}">
<input type="hidden" name="request" value="{{ r.id }}">
<input name="decided_on" type="date" value="{{ day }}" required
 aria-label="{{ words.decided_on }}">
<button name="action" value="approve">{{ words.approve }}</button>
<button name="action" value="reject">{{ words.reject }}</button>
</form></td></tr>
{% endfor %}</tbody></table>
{% else %}<p>{{ words.none_pending }}</p>{% endif %}
{% endblock %}
"""

PAGES: Final = jinja2.Environment(
    loader=jinja2.DictLoader(
        {
            "layout.html": _LAYOUT,
            "login.html": _LOGIN,
            "report.html": _REPORT,
            "overdue.html": _OVERDUE,
            "meetings.html": _MEETINGS,
            "extensions.html": _EXTENSIONS,
        }
    ),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
