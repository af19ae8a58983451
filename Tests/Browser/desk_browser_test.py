"""The web desk in a real browser (Debian's chromium through chromedriver): an agent signs in, walks the inbox,
opens a case, types a draft the coach flags and sees the highlight, sends it anyway; customers complain through the
public form in Greek and in Tagalog, choose and approve an option, and answer the survey. Saves screenshots of the
main pages to SCREENSHOTS (a folder) as it goes.

Run by Tests/Browser/run.sh, which starts a demo desk and passes BASE, AGENT_EMAIL, PASSWORD, TOKEN, SCREENSHOTS."""
import json
import os
import re
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["BASE"]
SHOTS = os.environ.get("SCREENSHOTS", "")
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def api(method, path, body=None):
    request = urllib.request.Request(BASE + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + os.environ["TOKEN"],
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--lang=en-GB"]:
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def shot(driver, name, full=True):
    if not SHOTS:
        return
    if full:
        height = driver.execute_script("return Math.min(document.body.scrollHeight, 4000)")
        driver.set_window_size(driver.get_window_size()["width"], max(height, 600))
        settle(driver)
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds)


def settle(driver):
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")


def click(driver, css, index=0, parent=False):
    """Finds the element afresh and clicks it (or its parent, for a styled label), retrying while chromium is still
    swapping the document after a load or a resize ("stale element", "node does not belong to the document")."""
    def attempt(d):
        try:
            found = d.find_elements(By.CSS_SELECTOR, css)
            if len(found) <= index:
                return False
            (found[index].find_element(By.XPATH, "..") if parent else found[index]).click()
            return True
        except StaleElementReferenceException:
            return False
        except WebDriverException as error:
            if "does not belong to the document" in str(error) or "not interactable" in str(error):
                return False
            raise
    wait(driver).until(attempt)


def submit_and_wait(driver, css, index=0):
    """Clicks a submit button and waits for the next page, not the one still showing (both have an h1)."""
    settle(driver)
    old = driver.find_element(By.TAG_NAME, "html")
    click(driver, css, index)
    wait(driver).until(EC.staleness_of(old))
    wait(driver).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    settle(driver)


SUBMIT = "form button[type=submit], form input[type=submit]"


def agent_walk(driver):
    driver.get(BASE + "/inbox")
    check("/login" in driver.current_url, "an anonymous visitor is sent to the login page")
    shot(driver, "login", full=False)
    driver.find_element(By.NAME, "email").send_keys(os.environ["AGENT_EMAIL"])
    driver.find_element(By.NAME, "password").send_keys(os.environ["PASSWORD"])
    click(driver, SUBMIT)
    wait(driver).until(EC.url_contains("/inbox"))
    check(driver.find_element(By.TAG_NAME, "h1") is not None, "signed in, the inbox opens")

    driver.get(BASE + "/inbox?queue=all")
    rows = driver.find_elements(By.CSS_SELECTOR, "table a[href^='/cases/']")
    check(len(rows) >= 20, f"the inbox lists the demo's cases ({len(rows)} on the first page)")
    shot(driver, "inbox")
    driver.get(BASE + "/inbox?queue=hostile")
    check(len(driver.find_elements(By.CSS_SELECTOR, "table a[href^='/cases/']")) > 0, "the hostile queue has cases")

    driver.get(BASE + "/inbox?queue=all&language=en")
    click(driver, "table a[href^='/cases/']")
    wait(driver).until(EC.presence_of_element_located((By.ID, "draft")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "mark")) > 0, "the customer's words are highlighted with evidence")
    draft = driver.find_element(By.ID, "draft")
    draft.clear()
    draft.send_keys("Calm down. You should have read the instructions before using it.")
    flag = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#coach mark.hl-flag")))
    check(flag is not None, "the coach flags the draft as it is typed and highlights the span")
    shot(driver, "case")
    anyway = driver.find_element(By.ID, "send-anyway")
    wait(driver).until(EC.visibility_of(anyway))
    click(driver, "#send-anyway")
    click(driver, "#reply-form button[type=submit]")
    wait(driver).until(EC.url_contains("done=sent_anyway"))
    check("sent despite" in driver.page_source, "a flagged reply goes out only with 'send anyway', and says so")


def manager_pages(driver, email, password):
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    click(driver, SUBMIT)
    wait(driver).until(EC.url_contains("/inbox"))
    driver.get(BASE + "/escalations")
    check("Your limit" in driver.page_source, "the manager sees escalations beside the policy")
    shot(driver, "escalations")
    driver.get(BASE + "/dashboard")
    check(len(driver.find_elements(By.TAG_NAME, "svg")) >= 3, "the dashboard draws its charts as SVG")
    shot(driver, "dashboard")


def customer_flow(driver, language, name, text):
    driver.delete_all_cookies()
    driver.get(BASE + f"/complaint?lang={language}")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"the form speaks {language}")
    shot(driver, f"complaint-{language}")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "email").send_keys(f"{language}.customer@example.com")
    driver.find_element(By.NAME, "text").send_keys(text)
    submit_and_wait(driver, SUBMIT)
    found = re.search(r"C-[0-9A-Z]{5}", driver.find_element(By.TAG_NAME, "main").text)
    reference = found.group(0) if found else None
    check(reference is not None, f"{language}: the confirmation shows the reference")
    shot(driver, f"complaint-done-{language}")

    offer = api("POST", f"/api/v1/cases/{reference}/offers",
                {"options": [{"kind": "replacement"}, {"kind": "store_credit", "amount": 15}]})
    driver.get(offer["link"])
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language,
          f"{language}: the options page is in the customer's language")
    shot(driver, f"options-{language}")
    click(driver, "input[type=radio][name=option]")
    submit_and_wait(driver, SUBMIT)
    case = api("GET", f"/api/v1/cases/{reference}")
    check(case["case"]["stage"] == "in_progress", f"{language}: choosing and approving moves the case on")

    promises = api("GET", "/api/v1/commitments?state=open")["commitments"]
    for promise in promises:
        if promise["reference"] == reference:
            api("POST", f"/api/v1/commitments/{promise['id']}/done")
    resolved = api("POST", f"/api/v1/cases/{reference}/stage", {"stage": "resolved"})
    survey = next(word for word in resolved["messages"][-1]["text"].split() if "/s/" in word).strip(".,)")
    driver.get(survey)
    shot(driver, f"survey-{language}")
    click(driver, "input[name=score][value='5']", parent=True)
    driver.find_element(By.NAME, "comment").send_keys("OK")
    submit_and_wait(driver, SUBMIT)
    events = [event["kind"] for event in api("GET", f"/api/v1/cases/{reference}")["events"]]
    check("survey_answered" in events, f"{language}: the survey answer is recorded")


def main():
    driver = browser()
    try:
        agent_walk(driver)
        manager_pages(driver, os.environ["MANAGER_EMAIL"], os.environ["PASSWORD"])
        driver.set_window_size(390, 900)
        customer_flow(driver, "el", "Ελένη Παππά", "Η παραγγελία μου ήρθε σπασμένη και κανείς δεν απαντά στα μηνύματά μου.")
        customer_flow(driver, "tl", "Marites Santos", "Sira po ang dumating na order ko at walang sumasagot sa akin.")
    except Exception as error:  # a crash is a failure with its reason, and the page it happened on
        failures.append(f"{type(error).__name__}: {error}")
        print("FAIL", failures[-1], "at", driver.current_url)
        shot(driver, "failure", full=False)
    finally:
        driver.quit()
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
