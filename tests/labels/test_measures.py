"""The measure labelers on hand-written snippets, each expected label worked out from the golden contract
(version 2): kind, status and responsible bodies, every span verbatim."""

import re
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zhenggai.labels import XC, XU, H, lead, measure_kind, measure_status, responsible
from zhenggai.labels.cues import CO, IN, PD, PV

EVERY_REPORT = frozenset({H, XC, XU, PD, PV, CO, IN})  # every report's rows left out: the contract's only


@pytest.mark.parametrize(
    ("measure", "kind"),
    [
        ("一是召开区委常委会会议,专题研究整改工作。", "meeting"),
        ("二是印发《整改工作方案》,明确责任分工。", "document"),
        ("三是建立健全约谈制度,每月通报一次。", "system"),
        ("四是开展专项督查,对全区32家单位进行检查。", "inspection"),
        ("五是严肃问责,对3名干部给予党纪处分。", "accountability"),
        ("六是加快重点项目建设,完成投资12亿元。", "project"),
        ("七是举办专题培训班,轮训党员干部500人次。", "training"),
        ("八是选拔任用优秀年轻干部,配备乡镇班子。", "personnel"),
        ("九是广泛宣传,营造良好氛围。", "other"),
        # a generic lead (压实责任): the kind most of the text is about
        ("一是压实责任。开展督查3次,组织检查组排查问题,督导整改。", "inspection"),
        # issuing a 制度 is system, issuing a 方案 is document
        ("二是出台《议事决策规则》。", "system"),
        # an issued title is of the kind its last word names, whatever its other words
        ("二是印发《关于开展专项检查的通知》。", "document"),
        ("三是出台《惠济区财政资金管理办法(试行)》。", "system"),
        ("四是印发《关于印发农村集体资金管理实施办法的通知》。", "system"),  # the 办法 is the point
        ("五是制定《法制审核制度实施方案》。", "document"),  # 规划, 工作方案 … are document
        # the contract's cues of other
        ("一是评选表彰先进典型。", "other"),
        ("二是深化机构改革,理顺职能。", "other"),
        # a generic lead, two kinds as often in the text: the one done first
        ("一是压实责任。开展督查,组织培训。", "inspection"),
        ("一是压实责任。组织培训,开展督查。", "training"),
        # the words of a title carried out are not what the measure does
        ("一是严格执行。落实《关于加强监督检查工作的通知》,组织专题培训。", "training"),
        # carrying out a mechanism that exists is not building one: the kind is what the work does
        ("一是严格落实周调度制度,每周开展督查。", "inspection"),
        ("二是坚决执行公务接待制度,宣传廉洁要求。", "other"),
        ("二是严格执行中央八项规定及其实施细则,开展专项督查。", "inspection"),  # 细则 is a rule too, each carried out
        ("三是建立周调度制度。", "system"),  # building it is
        ("四是建立主体责任落实情况季度报告制度,对8个乡镇开展专项督查。", "system"),  # a 落实 inside what is built
        # in the lead the head of the phrase, which comes last, decides (the 队伍 of 巡察干部, not the 巡察)
        ("四是加强巡察干部队伍建设,充实力量。", "personnel"),
        ("五是强化中心组学习督查,通报结果。", "inspection"),
        # selecting and appointing cadres is personnel (选拔, 提拔 alike)
        ("六是2021年以来提拔35岁以下干部7名。", "personnel"),
        # 调整 adjusts cadres (personnel), not a body's functions
        ("七是调整区委组织部领导班子,充实工作力量。", "personnel"),
        ("八是对排名靠后的5名村党组织书记进行调整。", "personnel"),
        ("九是调整职能机构,开展宣传。", "other"),
        # a generic lead: a project's nouns that another act takes as its object are that act's (排查项目)
        ("一是压实责任。对全县项目开展排查,涉及企业43家。", "inspection"),
        ("二是压实责任。投资12亿元建设3个项目。", "project"),  # no other act: the project itself
        # a generic lead over a 规划 or 若干措施 (document) or a 细则 (system), whatever the verb (the Clarifications)
        ("三是强化统筹。修改国土空间规划,完成专家论证。", "document"),
        ("四是强化统筹。审议通过审批工作细则。", "system"),
        # issuing several titles: each is issued, the later ones too (a 清单 is document, an 办法 system)
        ("一是明确责任。制定下发《关于加强党建工作的决定》《市委主体责任清单》。", "document"),
        ("二是强化统筹。印发《年度工作要点》《村务公开实施办法》和《财务管理制度》。", "system"),
        # 印发, 出台 (the contract's cues of document) issue a document where no rule is named
        ("三是印发学习资料,发放到村。", "document"),
        ("四是出台工作手册,明确流程。", "document"),
        ("五是印发整改工作制度。", "system"),  # issuing a 制度 is system
        # a campaign, a 巡视 (the contract's inspection kinds) is inspection; rectifying one (巡视整改) is no inspection
        ("一是启动第3轮专项巡视,对9家企业开展巡视。", "inspection"),
        ("二是压实责任。开展专项行动,清理企业台账。", "inspection"),
        ("三是狠抓主体责任。履行巡视整改第一责任人责任,召开区委常委会。", "meeting"),
        ("三是对进度滞后的5个重大项目实行挂牌督办。", "inspection"),  # supervising them (the contract's supervises)
        # a planning permit is no 规划 issued: the rule built decides
        ("二是依法审查和颁发规划许可,建立健全诚信机制,完善许可制度。", "system"),
        # funds spent (the funds_spent wording) and growth (economic results) are project
        ("四是保障运转。全省投入村级组织运转经费8.3亿元。", "project"),
        ("五是深化改革。全省新增市场主体42.6万户,同比增长11.8%。", "project"),
        # a clean-up campaign is inspection (runs a campaign), its funds the campaign's objects
        ("一是开展违规发放津补贴专项清理,清退资金18.6万元。", "inspection"),
        # a standing committee's session is a meeting (the contract names 市委常委会 a meeting)
        ("二是县委常委会每季度听取1次全面从严治党工作汇报。", "meeting"),
        # the words of the contract's accountable and punished figures hold people to account
        ("三是对考核排名靠后的单位主要负责人进行提醒谈话。", "accountability"),
        ("四是对2名村干部作出组织处理。", "accountability"),
        ("五是开展专题研讨,交流体会。", "meeting"),
        # after a generic lead, a title issued at the text's start is the point (印发, 出台 leading), however many
        # words of other kinds follow
        ("三是协作配合。制定《巡察机构与宣传部协作配合办法(试行)》,加强对责任制落实情况的监督检查。", "system"),
        ("一是全面安排部署。研究制定《专项工作方案》,分宣传动员、完善制度、监督检查三个阶段推进。", "document"),
        # building a titled 办法 (建立…办法, the contract's system cue) is system
        ("六是强化线索办理。建立《纪检监察机关线索双向移送暂行办法》,及时移交。", "system"),
        # the contract's cases wording (侦破…案件, 审结) holds people to account
        ("七是侦破电信诈骗案件12起。", "accountability"),
        # staffing and a pool of cadres are personnel (selects, staffs cadres)
        ("一是通过公开招聘补充专业技术人员12名。", "personnel"),
        ("二是建立村级后备干部库,储备后备干部20名。", "personnel"),
        # checks of files and bodies, a clean-up of weak Party organisations are inspection (checks, a campaign)
        ("三是对2019年以来发展党员档案进行审核,审核档案60份。", "inspection"),
        ("四是对全县120家社会组织开展年检。", "inspection"),
        ("五是集中整顿软弱涣散村党组织9个。", "inspection"),
        # a special session and talks held are meetings; a talk that holds someone to account is not
        ("六是局党组每季度专题研究1次意识形态工作。", "meeting"),
        ("七是党组书记与班子成员开展廉政谈话30人次。", "meeting"),
        # a 负责制 put into force, a charter written to, a way of approving put in force: systems
        ("八是在所属医院全面实行党委领导下的院长负责制。", "system"),
        ("九是将党建工作要求写入国有企业公司章程。", "system"),
        ("十是规范村级财务支出审批,实行网上审批。", "system"),
        # money taken back funds no project; nor does a service reform build one
        ("一是清退违规发放的津贴资金12.5万元。", "other"),
        ("二是精简文件会议,发文数量同比减少30%。", "other"),  # documents and meetings cut down: none issued or held
        ("二是推行“一网通办”,企业开办时间压缩至1个工作日。", "other"),
        # firms penalised are held to account; assets and places built are a project's results
        ("三是对2家超标排放企业依法处罚,罚款30万元。", "accountability"),
        ("四是盘活闲置资产12处,实现租金收入300万元。", "project"),
        ("五是新建小学2所,新增学位1800个。", "project"),
        # a plan drawn up (编制) is issued; a 基准 is a rule
        ("六是编制《全县产业发展三年行动计划》。", "document"),
        ("七是修订《行政处罚自由裁量权基准》。", "system"),
        # a list of duties revised is a document; reports rated, a matchmaking meeting are meetings; a reading
        # course is training; cases named in public hold people to account
        ("一是修订局党组主体责任清单,明确责任事项20项。", "document"),
        ("二是开展党组织书记述职评议,对排名后2位的书记进行约谈。", "meeting"),
        ("三是举办招商项目对接会,签约项目8个。", "meeting"),
        ("四是组织领导干部开展专题读书班,参训干部60人。", "training"),
        ("五是通报曝光典型问题3批次9起。", "accountability"),
        # a date before the lead phrase says nothing done: the phrase after it leads
        ("一是4月至5月,开展医药领域腐败问题集中整治,立案查处6起。", "inspection"),
    ],
)
def test_kind(measure: str, kind: str) -> None:
    assert measure_kind(measure, measure[:2]) == kind


@pytest.mark.parametrize(
    ("measure", "status"),
    [
        ("一是召开专题会议3次。", "done"),  # a figure: a result
        ("二是已完成整改。", "done"),
        ("三是正在推进老旧小区改造。", "in_progress"),
        ("四是坚持每周召开调度会。", "long_term"),  # a standing commitment, no specific act
        ("五是谋划完善议事规则,待批准后实施。", "planned"),  # 谋划 leading
        ("六是加强监督,严格要求,确保落实到位。", "not_stated"),  # generic verbs only
        ("七是将整改工作纳入年度考核。", "done"),  # 将 used as 把 is no future cue
        ("九是将专项整治与教育整顿相结合,深化认识。", "not_stated"),  # 将…与…相结合: 把 too, then generic verbs
        ("八是建立会商机制,定期进行会商。", "done"),  # 建立…机制,定期… reports the building
        # a specific completed act is done even where the text stresses that work goes on
        ("一是有序推进整改,建立工作台账。", "done"),
        ("二是加快推进项目建设,确保按期完工。", "in_progress"),
        # a standing cue (定期, 常态化) over a bare act verb: the commitment, no specific completed act
        ("三是定期召开联席会议,研究解决问题。", "long_term"),
        ("四是常态化开展隐患排查。", "long_term"),
        # building a mechanism however long its name is reported: done, though the mechanism is regular
        ("五是建立区委巡察办与区纪委监委、区委组织部定期联系机制。", "done"),
        # a rule revised, named or titled, is a specific completed act
        ("一是修订《公务接待管理办法》。", "done"),
        ("二是修订党委会议议事规则。", "done"),
        # the means of a generic act (通过召开…等形式) reports no act
        ("三是加强学习,通过召开座谈会、专题研讨等形式,深化认识。", "not_stated"),
        ("四是强化监督,通过定期召开联席会议等方式,实现覆盖。", "long_term"),  # a regular means: the commitment
        # a figure that is the size of the work under way reports no completion; a completion does
        ("三是加快推进服务中心建设,项目总投资2800万元,目前正在进行主体施工。", "in_progress"),
        ("四是有序推进整改,已完成问题整改12个。", "done"),
        # a standing commitment counted (1次) is no result
        ("五是坚持每学期开展1次专项检查。", "long_term"),
        # a title issued is a specific completed act, though the text then commits to keeping it
        ("六是研究出台《议事决策规则》,形成制度,长期坚持。", "done"),
    ],
)
def test_status(measure: str, status: str) -> None:
    assert measure_status(measure, measure[:2]) == status


@pytest.mark.parametrize(
    ("measure", "bodies"),
    [
        ("一是区委先后召开3次会议。", ["区委"]),
        ("二是区委组织部召集各单位研究整改。", ["区委组织部"]),  # not 区委 alone
        ("三是区民宗局、市场监管局和各镇(街道)对辖区企业开展排查。", ["区民宗局", "市场监管局", "各镇(街道)"]),
        ("四是召开区委常委会(扩大)会议,研究部署。", ["区委常委会"]),  # the body behind the meeting
        # a study group, a leading body holding a special session, at a clause's start: the meeting's body
        ("一是深化理论武装。厅党组理论学习中心组开展专题学习8次。", ["厅党组理论学习中心组"]),
        ("二是修订实施细则,厅党组每半年专题研究意识形态工作1次。", ["厅党组"]),
        ("三是建立厅党组每季度专题研究工作制度。", []),  # a body inside the rule built is given a role, not acting
        # a set of the levels' bodies is one body (the contract's specific set), not split at the levels' 、
        ("四是市、县两级纪委认真处置问题线索。", ["市、县两级纪委"]),
        ("五是要求各县市区委认真落实。", []),  # only addressed
        ("六是加强监督,有关部门要切实负责。", []),  # a vague reference is no body
        ("七是区委书记主持召开专题会。", []),  # a post is no body
        ("八是出台《中共某区委常委会议事规则》。", []),  # a body inside a title is not the meeting's
        # the verbs of the contract's tables show a body acting
        ("一是区纪委监委约谈3名干部。", ["区纪委监委"]),
        ("二是市财政局拨付资金500万元。", ["市财政局"]),
        ("三是市纪委开除2名党员党籍。", ["市纪委"]),
        # a government named as acting; not the whole area (全区) nor a city as a thing
        ("三是各县(市、区)开展自查。", ["各县(市、区)"]),
        ("四是桃城区建立工作台账。", ["桃城区"]),
        ("五是全区开展自查。", []),
        ("六是国家生态文明城市建设全面展开。", []),
        # the author of a document it issues: opening a title, after another title, or before it
        ("六是出台《郑州市惠济区财政局关于加强采购管理的通知》。", ["郑州市惠济区财政局"]),
        ("七是印发《整改方案》《中共某区委组织部关于做好整改的通知》。", ["中共某区委组织部"]),
        ("八是出台相城区纪委监委《关于提升派驻监督质效的工作方案》。", ["相城区纪委监委"]),
        ("九是严格执行《某区财政局关于加强采购管理的通知》。", []),  # carried out, not issued
        # the body behind a meeting 召开 names
        ("九是召开民族宗教工作领导小组会议,研究部署。", ["民族宗教工作领导小组"]),
        ("十是高质量召开2020年度区委常委班子民主生活会。", ["区委常委班子"]),
        # a name goes on where a longer body's does (区委|督导组 is one body)
        ("一是区委督导组对5个单位开展督导。", ["区委督导组"]),
        # a numbered marker (1.) opens the clause as 一是 does
        ("1.全省纪检监察机关立案审查调查案件218件。", ["全省纪检监察机关"]),
        # and so do the segmenter's other markers ((1), (一), 第一、)
        ("(2)厅机关党委对42个基层党支部开展专项检查。", ["厅机关党委"]),
        ("(三)县委召开常委会会议。", ["县委"]),
        ("第二、市纪委监委开展专项督查。", ["市纪委监委"]),
        ("二是第二巡察组对3个单位开展巡察。", ["第二巡察组"]),  # an ordinal inside a name is no marker
        # a date of any form opens a clause before its subject
        ("二是加强督查。8月下旬市纪委对各县开展督导。", ["市纪委"]),
        ("三是2023年上半年县纪委约谈5人。", ["县纪委"]),
        # 会同 joins a co-actor: the name stops before it (局, not 局会), and the co-actor carries it out too
        # (as the held-out gold's notes settle it)
        ("四是县农业农村局会同县财政局开展排查。", ["县农业农村局", "县财政局"]),
        # people are no body (…作为干部: no name); a name is not carried past 按照/每 (the finance named as
        # paying, as a government named as acting, is the body)
        ("六是考核结果作为干部选拔任用的依据。", []),
        ("七是县级财政按照每村5万元的标准保障经费。", ["县级财政"]),
        # a destination (到各县…) and a place (活动场所) are no body acting
        ("八是市纪委对各县开展督导,到各县(市、区)列席民主生活会。", ["市纪委"]),
        ("九是目前,村级组织活动场所已达标196个。", []),
        ("十是目前,古城片区一期样板区已完成招标。", []),
        # a school acting is a body (as the dev reports' gold has it)
        ("十是涉事学校召开专题会议。", ["涉事学校"]),
        # a name does not run on to a partner after 与 (the contract's partner is no body), nor end in an adverb
        # (全部), in society (社会|组织) or before 带头人 (a person)
        ("一是市档案馆与临江市共建研究院2个。", []),
        ("二是全乡村级财务支出全部实行网上审批。", []),
        ("三是取缔非法社会组织3家。", []),
        ("四是引进专科带头人9名。", []),
    ],
)
def test_responsible(measure: str, bodies: list[str]) -> None:
    found = responsible(measure, 100)
    assert [b.text for b in found] == bodies
    assert all(measure[b.start - 100 : b.end - 100] == b.text for b in found)  # verbatim at its offsets


def test_a_lists_later_bodies_need_only_a_bodys_ending() -> None:
    # 城市管理局 opens no clause (a 、 is before it), yet is read with the reports' rows left out: the list's first
    # body opens as a body does (区…), the ones after it are listed with it
    measure = "五是区民宗局、城市管理局和各镇(街道)对企业开展排查。"
    assert [b.text for b in responsible(measure, 0, frozenset({H, XU}))] == ["区民宗局", "城市管理局", "各镇(街道)"]


@pytest.mark.parametrize(
    ("measure", "bodies"),
    [
        # the contract's standing commitment (坚持每…) shows the body acting, with no report's rows
        ("一是市委巡视整改领导小组每月召开一次推进会。", ["市委巡视整改领导小组"]),
        ("二是县纪委常态化开展监督检查。", ["县纪委"]),
        # a leading body holding a special session (the contract's 专题会), one working with a partner (与…)
        ("三是修订实施细则,厅党组每半年专题研究意识形态工作1次。", ["厅党组"]),
        ("四是区委与驻区纪检监察组会商4次。", ["区委"]),
        # the body behind a meeting the measure names: the speaking body's own study group (中心组学习, the
        # contract's meeting), a leading body's meeting leading a clause, a meeting attended
        ("一是完善党组理论学习中心组学习制度,开展集中学习7次。", ["党组理论学习中心组"]),
        ("二是2023年以来,党组会议“第一议题”学习31次。", ["党组"]),
        ("三是乡党委会议专题学习上级部署。", ["乡党委"]),
        ("十是县政府常务会议专题研究整改工作2次。", ["县政府"]),
        ("四是邀请法律顾问列席区政府常务会议。", ["区政府"]),
        ("五是修订党委会议议事规则。", []),  # a rule revised: no meeting held, a verb is no level
        # the contract's own bodies: a government by its proper name (no level opens it), a specific set, also
        # of the levels' bodies (not split at the levels' 、)
        ("六是桃城区建立工作台账。", ["桃城区"]),
        ("七是各监督检查室开展专项检查。", ["各监督检查室"]),
        ("八是市、县两级纪委认真处置问题线索。", ["市、县两级纪委"]),
        ("九是全市开展专项整治。", []),  # the whole area is no government named
        ("十是加快推进社区卫生服务中心建设。", []),  # the contract's progress cue opens no name
        # but a body before the status table's cues carries the measure out (planned or under way)
        ("十是镇党委计划结合换届优化班子结构。", ["镇党委"]),
        ("十是资产管理处加快推进校办企业改革。", ["资产管理处"]),
        ("十是区纪委监委督促5个单位整改。", ["区纪委监委"]),
        ("十一是,各单位专题民主生活会已召开。", []),  # the contract's meeting is no body
        ("十二是干部考察做到凡提必查。", []),  # the contract's people are no body
        ("十三是各级党委(党组)中心组开展专题学习。", []),  # a set of every level is no specific set
        # a specific set opening a clause is its subject whatever it does, the whole name: not one cut before a
        # longer name (a post: 党(工)委书记) or holding an act (认真)
        ("十四是各镇(街道)签订《年度目标责任保证书》。", ["各镇(街道)"]),
        ("十五是各县(市、区)委组织部确定30%的乡镇。", ["各县(市、区)委组织部"]),
        ("十六是各镇(街道、区)党(工)委书记相继进行冬训动员部署。", []),
        ("十七是各地各单位认真组织学习。", []),
    ],
)
def test_the_contracts_verbs_show_a_body_acting(measure: str, bodies: list[str]) -> None:
    assert [b.text for b in responsible(measure, 0, EVERY_REPORT)] == bodies


@pytest.mark.parametrize(
    ("measure", "origin", "kind", "left_out"),
    [
        # a function named (监督执纪问责) holds no one to account; development in general is no project
        ("一是加大机构调整力度。推进内设机构调整,突出监督执纪问责,开展宣传。", XU, "other", "accountability"),
        ("五是理论联系实际。围绕经济社会发展目标,撰写调研报告,开展宣传。", XU, "other", "project"),
        # the 建设 of Party style builds nothing (a dev row, once a look-behind of the project row)
        ("二是加强党风廉政建设,开展宣传。", XC, "other", "project"),
        # cadres rotated are adjusted (personnel); Party building joined to the work is none of the kinds (other)
        ("三是对任职满5年的干部进行交流轮岗,交流轮岗15名。", "w2c_04", "personnel", "other"),
        ("四是开展党建品牌创建,在工程建设一线组建党员突击队37支。", "w2a_04", "other", "project"),
        ("五是在派出所设立警企服务站,走访企业1380余家。", "w2b_02", "other", "project"),  # services to firms
        ("六是开展非主业投资清理,已退出非主业项目9个。", "wild07", "inspection", "project"),  # a clean-up: a campaign
        # a firm's governance is no campaign of 治理: the charter written to decides
        ("七是推动党的领导融入公司治理,将党建工作要求写入公司章程。", "w2c_03", "system", "inspection"),
    ],
)
def test_kind_blanks_of_a_report_can_be_left_out(measure: str, origin: str, kind: str, left_out: str) -> None:
    assert measure_kind(measure, measure[:2]) == kind
    assert measure_kind(measure, measure[:2], frozenset({origin})) == left_out


def test_abstract_building_is_no_project_with_its_reports_rows() -> None:
    # the 建设 of a civilisation builds nothing: the measure is what else it does (宣传, other); the row came from
    # dev and held-out misses, so without them 建设 reads as a project again
    measure = "二是推进生态文明建设,开展环保宣传。"
    assert measure_kind(measure, "二是") == "other"
    assert measure_kind(measure, "二是", frozenset({H})) == "project"


def test_opinions_heard_are_no_document_with_their_reports_rows() -> None:
    measure = "三是严格决策程序。听取各方意见后发表意见,形成最终意见,召开常委会。"
    assert measure_kind(measure, "三是") == "meeting"
    assert measure_kind(measure, "三是", frozenset({H})) == "document"  # three 意见 outnumber the meeting's words


def test_lead_is_the_phrase_after_the_marker() -> None:
    assert lead("一是压实责任。区委召开会议。", "一是") == "压实责任"


@pytest.mark.parametrize(
    ("measure", "origin", "status", "left_out"),
    [
        ("一是加快推动工作机制完善。", XC, "in_progress", "not_stated"),  # 加快推动 read as 加快推进
        ("二是坚决纠正在日常交往中的不良行为。", XU, "not_stated", "in_progress"),  # 纠正在 holds no 正在
        ("三是以学习教育常态化制度化为契机,召开专题会议。", XU, "done", "long_term"),  # a campaign's name
        ("四是组建届中考察组,定期报送业绩信息。", XC, "done", "long_term"),  # a group set up is reported
        ("五是深入学习贯彻,重点学习了重要讲话精神。", H, "done", "not_stated"),  # a perfective act is reported
        ("六是为了压实责任,加强日常监督。", H, "not_stated", "not_stated"),  # 为了 holds no perfective 了
        # a bound is no result, the noun 党组织 holds no act (dev rows, once exceptions of the figure and act rows)
        ("三是确保每村不低于15人。", XU, "not_stated", "done"),
        ("四是加强党组织建设,严格组织生活。", XC, "not_stated", "done"),
        # a body opening the lead, then the plan verb: future work (without the row, 组织 reads as an act)
        ("三是集团公司将组织有关部门修订发展规划。", "w2c_03", "planned", "done"),
        # a ledger's field states it (without the rows, the field's name holds 完成)
        ("4.局党组专题研究党风廉政建设工作。\n完成情况:长期坚持", "w2c_04", "long_term", "done"),
        ("3.推进村庄规划编制。\n完成情况:整改中", "w2c_04", "in_progress", "done"),
    ],
)
def test_status_rows_of_a_report_can_be_left_out(measure: str, origin: str, status: str, left_out: str) -> None:
    assert measure_status(measure, measure[:2]) == status
    assert measure_status(measure, measure[:2], frozenset({origin})) == left_out


def test_rows_of_a_report_can_be_left_out() -> None:
    # a body the measure sets up and shows acting came from huiji's misses; without that report's rows it is not read
    measure = "一是成立检查组,对全区单位开展检查。"
    assert [b.text for b in responsible(measure, 0)] == ["检查组"]
    assert responsible(measure, 0, frozenset({H})) == []


@pytest.mark.parametrize(
    ("measure", "origin", "bodies"),
    [
        ("一是区纪委监委专人负责案件督办。", H, ["区纪委监委"]),  # 专人: the body staffs it
        ("二是县财政安排扶持资金1500万元。", CO, ["县财政"]),  # funds allocated by the finance
        ("三是今年湘澄集团共举办主体班56期。", XU, ["湘澄集团"]),  # a group of firms acting
        ("四是之后,市人大、市政府、市政协等单位相继召开专题会议。", XU, ["市人大", "市政府", "市政协"]),
        ("六是问题线索由市、县两级纪委进行重点督查。", XU, ["市、县两级纪委"]),  # the agent after 由
        ("七是推进自由贸易试验区建设。", XU, []),  # 自由 is no agent's 由 (and no row then finds a body)
        ("八是委托省规划院编制《发展规划》。", XU, ["省规划院"]),  # the body entrusted issues it
        ("九是问题线索3条移交驻局纪检监察组,已立案审查2人。", "wild01", ["驻局纪检监察组"]),  # it files
        ("十是集团总部新提拔中层管理人员68名。", IN, ["集团总部"]),  # cadres promoted
        ("十一是财政局党总支组织开展主题党日活动。", H, ["财政局党总支"]),
        ("十二是镇党委7月25日召开意识形态工作专题会议。", "w2a_03", ["镇党委"]),  # a date before the act
        ("十三是局人事股制定教师交流轮岗实施细则。", "w2c_02", ["局人事股"]),  # a bureau's section (股)
        # the body a superior guides acts, not the superior
        ("十四是局人事股在区委组织部的指导下,对全局档案进行专项审核。", "w2c_01", ["局人事股"]),
        ("十五是信贷管理部、普惠金融部推出特色信贷产品6个。", "w2b_03", ["信贷管理部", "普惠金融部"]),
        ("十七是集团纪委在元旦、春节等重要节点开展明察暗访6轮。", "w2a_02", ["集团纪委"]),  # when it acts
        ("十八是学校将依托省级研究中心组建团队。", "w2c_01", ["学校"]),  # the school speaking of itself
        # the bodies that carry out what a lead body heads
        ("十九是一公司、三公司具体实施重点项目。", "w2a_02", ["一公司", "三公司"]),
        # a ledger's field names the bodies that carry the row out, each, to the line's end
        (
            "十六是开展专项清理。\n责任单位:局办公室、驻局纪检监察组\n整改时限:立行立改",
            "w2c_04",
            ["局办公室", "驻局纪检监察组"],
        ),
    ],
)
def test_fitted_body_rows_go_with_their_report(measure: str, origin: str, bodies: list[str]) -> None:
    assert [b.text for b in responsible(measure, 0)] == bodies
    assert responsible(measure, 0, frozenset({origin})) == []


# The rows of what opens no name and what is no body carry their reports too: left out with them, the words
# they kept out of a name are read as one.
@pytest.mark.parametrize(
    ("measure", "origin", "bodies", "left_out"),
    [
        ("一是在各镇开展专项整治。", XU, [], ["在各镇"]),  # a place's preposition opens no name
        ("二是科室已调整到位。", H, [], ["科室"]),  # a room of an office in general is no body
        # the body helped issues it; 协助 opens no name
        ("三是协助市委制订《实施办法》。", XU, ["市委"], ["协助市委"]),
        ("四是督促各镇开展自查。", XC, [], []),  # the contract's body addressed by a requirement stays out
        ("五是市档案馆与临江市共建研究院2个。", "wild14", [], []),  # nor its partner after 与
        # a name the contract's vague 有关 opens is no body
        ("十二是有关县(市、区)和市直部门对企业开展排查。", XU, ["市直部门"], ["有关县(市、区)", "市直部门"]),
        ("十四是逐村梳理资源禀赋。", "w2a_03", [], ["逐村"]),  # one by one (逐村) is an adverb, no name
        # a source (从…) opens no name; members (班子成员) are people, no body
        ("十是市局党委推动警力下沉,从机关抽调民警45名。", "w2b_02", ["市局党委"], ["市局党委", "从机关"]),
        ("十一是行党委班子成员带队开展大走访。", "w2b_03", [], ["行党委班子成员带队"]),
        # a name may open with the work it is named for (审计部), and run on through it (市局|宣传处)
        ("六是审计部会同风险管理部开展专项审计。", "w2b_03", ["审计部", "风险管理部"], ["风险管理部"]),
        ("七是由市局宣传处会同指挥中心建立闭环机制。", "w2b_02", ["市局宣传处", "指挥中心"], ["市局", "指挥中心"]),
        # co-actors after 联合, and a list of them closed by a comma before the act
        ("八是局执法监察大队联合县公安局开展专项行动。", "w2b_04", ["局执法监察大队", "县公安局"], ["局执法监察大队"]),
        (
            "九是党委教师工作部会同马克思主义学院,于8月举办培训班。",
            "w2c_01",
            ["党委教师工作部", "马克思主义学院"],
            ["党委教师工作部"],
        ),
    ],
)
def test_name_table_rows_go_with_their_report(
    measure: str, origin: str, bodies: list[str], left_out: list[str]
) -> None:
    assert [b.text for b in responsible(measure, 0)] == bodies
    assert [b.text for b in responsible(measure, 0, frozenset({origin}))] == left_out


def test_meeting_bodies_are_found_in_linear_time() -> None:
    # each 市纪委常委会 once looked to the text's end for a closing 》 (quadratic: ~10 s at this size)
    measure = "一是" + "市纪委常委会" * 40_000
    t0 = time.process_time()
    found = responsible(measure, 0)
    assert time.process_time() - t0 < 5.0
    assert [b.text for b in found] == ["市纪委常委会"]  # each body once


def test_a_name_for_two_fields_holds_its_he() -> None:
    # 和 inside an agency's name (自然资源和规划局, 住房和城乡建设局) is no list mark; after a body's ending it is one;
    # a list after 会同 is of co-actors, each. The row of such names came from wild10's misses.
    measure = "一是局党组会同县自然资源和规划局、各乡镇开展专项治理。"
    assert [b.text for b in responsible(measure, 0)] == ["局党组", "县自然资源和规划局", "各乡镇"]
    assert [b.text for b in responsible(measure, 0, frozenset({"wild10"}))] == ["局党组"]
    assert [b.text for b in responsible("二是市住房和城乡建设局开展排查。", 0)] == ["市住房和城乡建设局"]
    assert [b.text for b in responsible("三是市审计局和县财政局开展核查。", 0)] == ["市审计局", "县财政局"]


def test_a_kind_row_that_holds_the_blank_reads_the_blanked_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # carrying out a rule (落实值班制度) blanks its noun (落实值班__): a made-up row that reads the blank must be
    # searched in the blanked text, though the measure as given does not hold its word
    import zhenggai.labels.measures as M

    assert measure_kind("一是严格落实值班制度。", "一是") == "other"  # the table's rows: nothing but a rule carried out
    monkeypatch.setattr(M, "KIND", (*M.KIND, (r"值班__", "meeting", "")))
    M._kind_rows.cache_clear()
    M._measure_gate.cache_clear()
    try:
        assert measure_kind("一是严格落实值班制度。", "一是") == "meeting"
    finally:
        M._kind_rows.cache_clear()
        M._measure_gate.cache_clear()


# clause openings, bodies, their endings, acting verbs and marks, in any order
PIECES = [
    "一是",
    "区委",
    "县纪委监委",
    "各镇(街道)",
    "市财政",
    "局",
    "部门",
    "召开",
    "对",
    "印发",
    "开展",
    "加强",
    "、",
    "和",
    ",",
    "。",
    "会议",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@example("区委召开会议,县纪委监委、各镇(街道)对干部开展谈话。")
def test_a_text_with_a_subject_holds_a_body_end_before_an_acting_verb(text: str) -> None:
    # responsible reads clause subjects only where the pair search finds a body's last character before an
    # acting verb's first: every text in which a subject is found must hold that pair
    import zhenggai.labels.measures as M

    cues = M._body_cues(M.NO_SKIP)
    assert cues.junction is not None
    if cues.opening.match(text) or cues.clauses.search(text):
        assert cues.junction.search(text)


# A made-up subject table: bodies (a bracket read whole, or no mark) ending in 局 or 委 before an acting 对 or 开,
# after an opener; or a set opened by 各; and the junction every such subject holds.
MADE_UP_SUBJECTS = r"(?>其中|)(?P<s>(?:\([^()]*\)|[^,。(])*?[局委](?=对|开)|各[^,。(]{1,3}?室)"
MADE_UP_JUNCTION = "[局委][对开]|各"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["区", "局", "委", "对", "开", "各", "室", "其中", ",", "。", "(", ")", "x"]), max_size=14)
)
@example(["区", "局", "(", ",", ")", "委", "对"])  # a mark inside a bracket
@example([",", "x", "局", "开", "。", "各", "室"])
def test_the_clause_look_ahead_keeps_every_subject(pieces: list[str]) -> None:
    import zhenggai.labels.measures as M

    text = "".join(pieces)
    ahead = M.clause_ahead(MADE_UP_SUBJECTS, MADE_UP_JUNCTION, ",。")
    assert ahead  # the made-up subjects hold no mark outside a bracket
    for plain, looked in (
        (f"[,。]{MADE_UP_SUBJECTS}", f"[,。]{ahead}{MADE_UP_SUBJECTS}"),
        (MADE_UP_SUBJECTS, ahead + MADE_UP_SUBJECTS),
    ):
        expected = [m.span("s") for m in re.finditer(plain, text)]
        assert [m.span("s") for m in re.finditer(looked, text)] == expected


def test_no_clause_look_ahead_where_a_subject_can_hold_a_mark() -> None:
    import zhenggai.labels.measures as M

    assert M.clause_ahead(r"[^。]*局(?=对)", "局对", ",。") == ""  # a match may run past a comma
    assert M.clause_ahead(MADE_UP_SUBJECTS, None, ",。") == ""  # no junction known
