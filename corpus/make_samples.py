"""Write the ingestion samples in corpus/samples/ingest/ (every text invented here).

Places (青禾区, 云栖县, 白沙镇) and figures are fictional. Outputs are deterministic
(fixed timestamps) so regenerating them gives the same bytes, except the docx.

    python corpus/make_samples.py [--out corpus/samples/ingest]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROME = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
QINGHE_2026 = """2026年青禾区政府工作报告
——2026年1月15日在青禾区第三届人民代表大会第五次会议上
青禾区人民政府区长 林晓舟
各位代表：
现在，我代表区人民政府，向大会报告工作，请予审议。
一、2025年工作回顾
过去一年，全区地区生产总值完成386.5亿元，同比增长6.2%；一般公共预算收入21.3亿元，增长4.8%。城镇新增就业4120人，城镇登记失业率控制在3.1%以内。
全年粮食总产量12.6万吨，比上年增加0.4万吨。新建改建农村公路58公里，完成老旧小区改造37个，惠及居民6200余户。……此处隐藏2046个字……
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增就业4000人以上。
全年引进亿元以上项目25个，新增3A级以上景区2家。
"""
TRAILER = """文档为doc格式
上一篇：云栖县2024年工作总结
下一篇：关于印发青禾区防汛工作方案的通知
相关推荐
青禾区2025年政府工作报告
云栖县2025年国民经济和社会发展统计公报
扫码关注公众号，免费下载全文
"""
YUNQI_2024 = """云栖县2024年工作总结
2024年，我县坚持稳中求进工作总基调，全县经济运行总体平稳。
一、主要工作完成情况
（一）经济指标稳步增长。全县实现地区生产总值152.8亿元，同比增长5.7%；规模以上工业增加值增长7.3%；固定资产投资完成68.4亿元，增长9.1%。
（二）民生保障持续加强。城镇新增就业1860人，发放创业担保贷款3250万元；新建幼儿园4所，新增学位1080个。
二、存在的问题
部分乡镇财政收支矛盾突出，产业结构仍需优化。
三、2025年工作计划
2025年，全县地区生产总值力争增长6%，固定资产投资增长8%以上，城镇新增就业1800人。
"""
YUNQI_2023_BIG5 = """雲棲縣2023年農業農村工作情況
全縣糧食播種面積達到31.2萬畝，總產量11.5萬噸，比上年增長2.6%。
農村居民人均可支配收入18640元，增長7.1%。
"""
BAISHA_2023 = """白沙镇2023年上半年民政工作小结
上半年，全镇发放城乡低保金186.4万元，惠及困难群众1320人；临时救助42户，发放救助金9.8万元。
新建村级养老服务站3个，为80岁以上老人发放高龄津贴27.5万元。
"""
HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>青禾区2025年1—6月经济运行情况_青禾区人民政府</title>
<script>var _hm = []; document.write("<div>点击下载</div>");</script>
<style>.nav{{float:left}}</style>
</head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/tjxx/">统计信息</a></li></ul></div>
<div class="tools">下载 | 打印 | 全屏 | 收藏 | 【字号：大 中 小】</div>
<div class="ad-banner"><a href="http://ad.example.com/">免费下载全文，扫码关注公众号</a></div>
<div class="article">
<h1>青禾区2025年1—6月经济运行情况</h1>
<p class="info">发布时间：2025-07-18 来源：青禾区统计局</p>
<p>上半年，全区实现地区生产总值188.2亿元，按不变价格计算，同比增长5.9%。其中，第一产业增加值11.6亿元，增长3.2%；第二产业增加值72.4亿元，增长6.8%；第三产业增加值104.2亿元，增长5.5%。</p>
<p>1—6月，全区规模以上工业增加值同比增长7.4%&nbsp;；固定资产投资增长8.3%；社会消费品零售总额52.7亿元，增长4.6%。</p>
<p>6月末，金融机构人民币各项存款余额612.5亿元，比年初增加38.9亿元。城乡居民人均可支配收入分别为&lt;23580元&gt;和12760元。</p>
</div>
<div class="related"><h3>相关推荐</h3><ul>
<li><a href="/a/1.html">青禾区2025年1—3月经济运行情况</a></li>
<li><a href="/a/2.html">云栖县2025年上半年经济运行简况</a></li></ul></div>
<div class="footer">版权所有：青禾区人民政府 ICP备20250001号</div>
</body></html>
"""
DOCX_PARAS = [
    "云栖县2025年政府工作报告",
    "各位代表：",
    "一、2024年工作回顾",
    "过去一年，全县地区生产总值完成152.8亿元，增长5.7%；一般公共预算收入9.6亿元，增长3.9%。",
    "全年接待游客486万人次，实现旅游综合收入41.3亿元。",
    "二、2025年主要目标任务",
    "全县地区生产总值增长6%左右，城镇新增就业1800人，粮食总产量稳定在11万吨以上。",
]
DOCX_TABLE = [
    ["指标", "2024年", "增长（%）"],
    ["地区生产总值（亿元）", "152.8", "5.7"],
    ["一般公共预算收入（亿元）", "9.6", "3.9"],
]
JSONL = [
    {
        "id": "bs-01",
        "title": "白沙镇2025年工作总结",
        "url": "http://example.org/bs/2025",
        "text": "白沙镇2025年工作总结\n2025年，全镇完成农业总产值8.6亿元，增长4.2%。\n"
        "一、主要工作\n新建高标准农田1.2万亩，培育家庭农场36家。\n二、2026年工作打算\n"
        "力争全镇农业总产值增长5%，新增市级龙头企业2家。",
    },
    {
        "id": "xx-02",
        "title": "xx镇xx年计划生育工作总结",
        "text": "xx年,我镇计划生育工作在镇党委、镇政府的领导下稳步推进。全镇出生人口412人，"
        "政策外出生9人。\n一、xx年主要工作\n举办育龄妇女培训班12期，发放宣传资料5600份。",
    },
    {
        "id": "yq-03",
        "doc_year": 2026,
        "doc_place": "云栖县",
        "text": "云栖县2026年一季度经济运行简况\n一季度，全县规模以上工业增加值增长6.1%，"
        "社会消费品零售总额14.2亿元，增长5.3%。",
    },
]
CSV_ROWS = [
    (
        "青禾区2024年国民经济和社会发展统计公报",
        "2025",
        "青禾区",
        "青禾区2024年国民经济和社会发展统计公报\n初步核算，全年全区地区生产总值363.9亿元，比上年增长5.8%。"
        "年末全区户籍人口41.26万人，常住人口45.80万人。\n全年城镇居民人均可支配收入46230元，增长5.1%。",
    ),
    (
        "云栖县2024年财政预算执行情况",
        "2025",
        "",
        "2024年，全县一般公共预算收入完成9.6亿元，为预算的101.2%，增长3.9%。\n"
        "一般公共预算支出完成32.4亿元，其中民生支出25.6亿元，占比79.0%。",
    ),
]
FIXED = (2025, 1, 1, 0, 0, 0)


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for i, text in enumerate(DOCX_PARAS):
        document.add_paragraph(text, style="Title" if i == 0 else None)
        if i == 4:
            table = document.add_table(rows=len(DOCX_TABLE), cols=3)
            for r, row in enumerate(DOCX_TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    props = document.core_properties
    props.title, props.author = DOCX_PARAS[0], "govie samples"
    props.created = props.modified = dt.datetime(2025, 1, 1)
    document.save(path)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, FIXED), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def tar_gz_bytes(members: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            tf.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), mtime=0)


def write_samples(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    csv_buf = io.StringIO()
    import csv

    writer = csv.writer(csv_buf, lineterminator="\n")
    writer.writerow(["title", "year", "place", "full_text"])
    writer.writerows(CSV_ROWS)
    files = {
        "qinghe_2026_report_utf8.txt": (CHROME + QINGHE_2026 + TRAILER).encode("utf-8"),
        "yunqi_2024_summary_gbk.txt": YUNQI_2024.encode("gbk"),
        "qinghe_2025h1_economy.html": HTML.replace("{{", "{").replace("}}", "}").encode("utf-8"),
        "records.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in JSONL).encode(),
        "bulletins.csv": "\ufeff".encode() + csv_buf.getvalue().encode("utf-8"),
        "yunqi_archive.zip": zip_bytes(
            {
                "云栖县/2024年工作总结.txt": YUNQI_2024.encode("gb18030"),
                "云栖县/baisha_2023h1_utf16.txt": BAISHA_2023.encode("utf-16"),
            }
        ),
        "qinghe_bundle.tar.gz": tar_gz_bytes(
            {
                "bundle/qinghe_2026_report.txt": ("\ufeff" + QINGHE_2026).encode("utf-8"),
                "bundle/yunqi_2023_agri_big5.txt": YUNQI_2023_BIG5.encode("big5"),
            }
        ),
    }
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    write_docx(out / "yunqi_2025_report.docx")
    return [*written, out / "yunqi_2025_report.docx"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "corpus" / "samples" / "ingest")
    args = parser.parse_args()
    for path in write_samples(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
