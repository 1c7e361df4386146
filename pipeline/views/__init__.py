"""Views of the results: a document with its facts as arcs, a report with charts, a DataFrame.

    from pipeline.views import render, report, facts_frame
    html = render(doc)                       # one processed Doc (notebooks: IPython HTML)
    page = report("out/extract")             # the report page of an extract output
    df = facts_frame("out/extract")          # pandas, the extract fact columns
"""

from .frame import facts_frame, read_extract
from .render import render, show_file
from .report import report_html as report
from .report import write_report

__all__ = ["facts_frame", "read_extract", "render", "report", "show_file", "write_report"]
