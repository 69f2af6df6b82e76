"""LibreOffice, the independent reader of the Word documents: run by the system's Python (which has
LibreOffice's `uno` module, Debian's python3-uno), not the project's.

    python3 tests/office_script.py JOBS.json

JOBS.json is a list of {"in": path, "out": path, "filter": LibreOffice filter name, "changes":
"accept" | "reject" | null}: each document is opened, its tracked changes accepted or rejected
all at once (Writer's own "Accept All" / "Reject All"), and saved through the filter ("Text
(encoded)" for its text, "writer8" for ODT, "MS Word 2007 XML" for .docx). One LibreOffice, with a
profile of its own, serves every job; the script prints the number of tracked changes each
document had when opened, one line each, as JSON.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # LibreOffice's bridge, from the system's python3-uno
from com.sun.star.beans import PropertyValue

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def main(jobs_file):
    with open(jobs_file, encoding="utf-8") as listed:
        jobs = json.load(listed)
    profile = tempfile.mkdtemp(prefix="clausebook-office-")
    pipe = f"clausebook{os.getpid()}"
    office = subprocess.Popen(
        [shutil.which("soffice") or "soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        else:
            raise SystemExit("LibreOffice did not start")
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for job in jobs:
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(job["in"])), "_blank", 0,
                                                    (prop("Hidden", True),))
            changes = document.getRedlines().getCount() if hasattr(document, "getRedlines") else \
                len(list(_enumerate(document.Redlines)))
            if job.get("changes"):
                frame = document.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[job["changes"]], "", 0, ())
            options = [prop("FilterName", job["filter"])]
            if job["filter"].startswith("Text"):
                options.append(prop("FilterOptions", "UTF8,LF"))
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(job["out"])), tuple(options))
            document.close(True)
            print(json.dumps({"in": job["in"], "changes": changes}), flush=True)
        desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


def _enumerate(redlines):
    found = redlines.createEnumeration()
    while found.hasMoreElements():
        yield found.nextElement()


if __name__ == "__main__":
    main(sys.argv[1])
