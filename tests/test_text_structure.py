"""The plan's structure as a reader of the text would check it: headings, order, offsets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from plankg.errors import PlankgError
from plankg.loaders.text import PlanText, chinese_numeral, parse_plan_text
from tests.conftest import SOURCE_METADATA

# Headings copied from data/sources/xincheng-14th.txt (the chapter-6 third section from the end of line 289).
EXPECTED_HEADINGS = {
    "第一章 全面建成小康社会踏上历史新起点": [
        "第一节发展成就",
        "第二节存在问题",
        "第三节发展环境",
        "第四节机遇挑战",
    ],
    "第二章 贯彻新发展理念开启现代化新征程": [
        "第一节指导思想",
        "第二节基本原则",
        "第三节发展定位",
        "第四节发展目标",
    ],
    "第三章 推动“两山”理论实践促进人与自然和谐共生": [
        "第一节加强环境保护,筑牢绿色屏障",
        "第二节强化资源节约,推进绿色发展",
        "第三节强化环境监管,增强环保意识",
        "第四节推动产业融合,铸就金山银山",
    ],
    "第四章 实施创新驱动战略集聚发展新动能": [
        "第一节聚焦关键技术攻坚,培育创新领军企业",
        "第二节聚焦创新要素集聚,优化科技创新平台",
        "第三节聚焦创新人才集聚,强化人才智力支撑",
    ],
    "第五章 发展现代产业体系提高经济质量效益": [
        "第一节优化产业功能布局,打造发展五大支撑区",
        "第二节加快生产性服务业升级,推动产业融合发展",
        "第三节促进生活性服务业提质,满足群众消费需求",
        "第四节推动战略性新兴产业集聚,培育经济增长引擎",
        "第五节发展壮大数字经济,引领数字化应用升级",
    ],
    "第六章 推动文化强区建设创新敕勒川文旅融合": [
        "第一节深化民族团结进步教育,促进民族交往交流交融",
        "第二节弘扬社会主义核心价值观,打造文化文明高地",
        "第三节发展新城地方特色文化,讲好今昔“新城故事”",
        "第四节提升公共文化服务水平,增强百姓文化获得感",
        "第五节推进文旅产业融合发展,塑造敕勒川文旅品牌",
    ],
    "第七章 坚持以人民为中心改善人民生活品质": [
        "第一节畅通增收渠道,提高居民收入",
        "第二节坚持就业优先,强化就业保障",
        "第三节促进教育优质均衡,巩固教育强区地位",
        "第四节完善社会保障体系,提高综合保障水平",
        "第五节健全医疗服务体系,保障人民身心健康",
        "第六节完善养老服务体系,打造生态康养基地",
        "第七节吸引人口迁入回流,促进人口均衡发展",
    ],
    "第八章 推进共建共治共享打造草原都市美丽新城": [
        "第一节完善基础设施建设,提升城市服务功能",
        "第二节强化城区精细管理,建设宜居宜业新城",
        "第三节完善社会治理体系,构建基层治理新格局",
        "第四节健全智慧应用体系,建设新型智慧城区",
        "第五节提升政务服务水平,打造一流营商环境",
        "第六节推进法治新城建设,营造良好法治环境",
        "第七节健全公共安全体系,推进平安新城建设",
    ],
    "第九章 全面推进乡村振兴加快实现农业农村现代化": [
        "第一节提升农业质效,实现产业兴旺",
        "第二节建设美丽乡村,实现生态宜居",
        "第三节发展乡村文化,实现乡风文明",
        "第四节建立长效机制,巩固脱贫成果",
    ],
    "第十章融入国内国际双循环开拓合作共赢新局面": [
        "第一节顺应消费趋势,提升消费服务能力",
        "第二节扩大精准投资,增强经济发展后劲",
        "第三节参与国际经济循环,构筑对外开放新格局",
        "第四节深化国内区域合作,加强毗邻区联合互动",
    ],
    "第十一章完善保障措施推进纲要实施": [
        "第一节加强党的领导,完善规划落实机制",
        "第二节坚持系统观念,统筹经济社会发展",
        "第三节完善规划体系,推进规划顺利实施",
    ],
}


def test_source_is_a_byte_copy_of_the_plan() -> None:
    # sha256 of shared/seed/000_4ed196a846bef879.txt, the web copy of the official text
    text = SOURCE_METADATA.parent / "xincheng-14th.txt"
    assert hashlib.sha256(text.read_bytes()).hexdigest() == (
        "d44af51111c7100331f8cae9774ce9d96b11fe4bd5f727ecf9332ffef5a259bc"
    )


def test_eleven_chapters_and_fifty_sections_with_exact_headings(plan_text: PlanText) -> None:
    found = {chapter.heading: [section.heading for section in chapter.sections] for chapter in plan_text.chapters}
    assert found == EXPECTED_HEADINGS
    assert len(plan_text.chapters) == 11
    assert sum(len(chapter.sections) for chapter in plan_text.chapters) == 50


def test_titles_drop_only_the_ordinal(plan_text: PlanText) -> None:
    tenth = plan_text.chapters[9]
    assert (tenth.number, tenth.title) == (10, "融入国内国际双循环开拓合作共赢新局面")
    assert plan_text.chapters[10].title == "完善保障措施推进纲要实施"
    assert plan_text.chapters[0].sections[0].title == "发展成就"


def test_glued_section_heading_is_found(plan_text: PlanText) -> None:
    section = plan_text.division_index()["c06-s03"]
    assert section.heading == "第三节发展新城地方特色文化,讲好今昔“新城故事”"
    assert section.line == 289
    before = plan_text.paragraph_index()["c06-s02-p05"]
    assert before.text.startswith("围绕“青山圣水美好家园·书香新城传递文明”全民阅读品牌活动")
    assert before.text.endswith("传播科学思想。")
    assert plan_text.text[section.start : section.start + len(section.heading)] == section.heading


def test_every_offset_slices_the_source_back(plan_text: PlanText) -> None:
    source = plan_text.text
    for paragraph in plan_text.paragraphs():
        assert source[paragraph.start : paragraph.end] == paragraph.text
        assert source.splitlines()[paragraph.line - 1].strip().startswith(paragraph.text[:20])
    for division in plan_text.divisions():
        assert source[division.start : division.start + len(division.heading)] == division.heading
        assert division.end > division.start


def test_page_chrome_is_not_part_of_the_plan(plan_text: PlanText) -> None:
    texts = [paragraph.text for paragraph in plan_text.paragraphs()]
    assert not any("发表于" in text or "温馨提示" in text or "下载附件" in text for text in texts)
    assert plan_text.text[plan_text.title_start :].startswith("呼和浩特市新城 区 国 民 经济")
    assert plan_text.text[plan_text.body_end :].startswith("附件")


def test_front_matter_glossary_and_ids(plan_text: PlanText) -> None:
    assert [paragraph.id for paragraph in plan_text.front] == ["front-p01"]
    assert plan_text.front[0].text.startswith("“十四五”时期是我国全面建成小康社会")
    ids = plan_text.paragraph_index()
    assert ids["c02-s04-p02"].text.startswith("全区地区生产总值年均增长6%左右")
    assert ids["c08-s01-p01"].text.startswith("不断推进绿化建设")
    assert ids["c08-p01"].text.startswith("围绕“品质优”新城建设")
    assert plan_text.glossary is not None
    assert plan_text.glossary.heading == "名词解释"
    assert len(plan_text.glossary.paragraphs) == 28
    assert ids["glossary-p28"].text.startswith("准入前国民待遇是指")
    assert len(ids) == sum(1 for _ in plan_text.paragraphs()), "paragraph ids are unique"


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十三", 23), ("一百零五", 105)])
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_numeral(numeral) == value


def test_another_plan_of_the_same_form_parses(tmp_path: Path) -> None:
    text = (
        "页眉\n测试 规划\n\n前言段落。\n第一章 总则\n章首段。\n第一节目标\n目标段。第二节任务\n任务段。\n附件\n页脚\n"
    )
    plan = parse_plan_text(text, tmp_path / "t.txt", "测试规划", end_marker="附件")
    assert [p.id for p in plan.paragraphs()] == ["front-p01", "c01-p01", "c01-s01-p01", "c01-s02-p01"]
    assert [s.heading for s in plan.chapters[0].sections] == ["第一节目标", "第二节任务"]


def test_out_of_order_chapter_names_its_line(tmp_path: Path) -> None:
    text = "测试规划\n第一章 甲\n段。\n第三章 丙\n段。\n"
    with pytest.raises(PlankgError, match=r"t\.txt:4: chapter heading '第三章 丙' is number 3, expected 2"):
        parse_plan_text(text, tmp_path / "t.txt", "测试规划")


def test_missing_title_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PlankgError, match="does not occur in the text"):
        parse_plan_text("别的文本\n", tmp_path / "t.txt", "测试规划")
