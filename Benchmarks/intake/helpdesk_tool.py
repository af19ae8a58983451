"""Helper for the django-helpdesk side of the intake benchmark.

  helpdesk_tool.py setup              create the staff user and the queue (needs Django env)
  helpdesk_tool.py login BASE_URL     log in through Django's login view, print
                                      "sessionid csrftoken" (stdlib only, no Django)
  helpdesk_tool.py count              number of tickets in the DB (needs Django env)
  helpdesk_tool.py show               print the newest ticket (needs Django env)
"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

USER = "bench"
PASSWORD = "bench-Pa55word"
QUEUE_SLUG = "complaints"


def django_setup():
    import django

    django.setup()


def cmd_setup():
    django_setup()
    from django.contrib.auth import get_user_model
    from helpdesk.models import Queue

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=USER, defaults={"email": "bench@example.com"}
    )
    user.is_staff = True
    user.is_superuser = True
    user.set_password(PASSWORD)
    user.save()
    queue, _ = Queue.objects.get_or_create(
        slug=QUEUE_SLUG,
        defaults={"title": "Complaints", "allow_public_submission": True},
    )
    print(queue.id)


def cmd_login(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = base.rstrip("/") + "/helpdesk/login/"
    page = opener.open(login_url, timeout=30).read().decode("utf-8", "replace")
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not m:
        sys.exit("login page has no csrfmiddlewaretoken")
    form = urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": m.group(1)}
    ).encode()
    req = urllib.request.Request(
        login_url, data=form, headers={"Referer": login_url}
    )
    opener.open(req, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies or "csrftoken" not in cookies:
        sys.exit("login failed: cookies %s" % sorted(cookies))
    print(cookies["sessionid"], cookies["csrftoken"])


def cmd_count():
    django_setup()
    from helpdesk.models import Ticket

    print(Ticket.objects.count())


def cmd_show():
    django_setup()
    from helpdesk.models import FollowUp, Ticket

    t = Ticket.objects.order_by("-id").first()
    if t is None:
        sys.exit("no tickets")
    print("ticket #%d queue=%s status=%s submitter=%s" % (t.id, t.queue.slug, t.get_status_display(), t.submitter_email))
    print("title:", t.title)
    print("description:", t.description[:200])
    print("followups:", FollowUp.objects.filter(ticket=t).count())


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "setup":
        cmd_setup()
    elif cmd == "login":
        cmd_login(sys.argv[2])
    elif cmd == "count":
        cmd_count()
    elif cmd == "show":
        cmd_show()
    else:
        sys.exit(__doc__)
