"""Rules labelers of a measure: its ``kind`` and ``status`` from cue tables over the lead phrase and the text,
its ``responsible`` bodies from the clauses' acting subjects, every span verbatim."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from ..regex_shape import first_chars, guarded, holds_before, last_chars, required_sets, scan_guarded
from ..row_gate import RowGate
from ..schemas import MeasureKind, MeasureStatus, Span
from .cues import CO, IN, NO_SKIP, PD, PV, XC, XU, H, Skip, Words, kept, span

# --- measure kind -------------------------------------------------------------------------------------------
# A title an issuing verb (or another put in) heads, up to one of the words put in and a (试行) after it.
ISSUED_TITLE = r"(?:印发|出台|制定|下发|修订{})[^。;;《]{{0,8}}(?:《[^《》]*》(?:\([^()]*\))?[、和及]?)*《[^《》]*(?:{})(?:\([^()]*\))?"
# In the lead phrase the row whose hit ends latest decides (ties: the first row); where the lead matches none (generic: 压实责任,
# 强化…), the kind with the most hits of its rows over the whole text (of kinds as often hit, the one hit
# first), else other.
KIND: Sequence[tuple[str, MeasureKind, str]] = (
    # an issued title is of the kind its last word names (…实施办法的通知: the 办法; …制度实施方案: the 方案)
    (
        ISSUED_TITLE.format("|建立|健全|完善", "制度|机制|办法|规则|规程|规定|标准|规范|细则") + r"(?:的通知)?》",
        "system",
        "",
    ),
    (ISSUED_TITLE.format("", "基准") + r"》", "system", "wild11"),  # a 裁量权基准 is a rule
    (ISSUED_TITLE.format("", "方案|通知|要点|计划|意见|规划|若干措施|文件|清单") + "》", "document", ""),
    (ISSUED_TITLE.format("", "措施") + "》", "document", IN),  # …20条措施, as the Clarifications' 若干措施
    # a plan drawn up (编制《…计划》)
    (ISSUED_TITLE.format("|编制", "方案|计划|规划|要点") + "》", "document", "wild05"),
    (r"(建立|健全|完善|修订|制定|出台|印发)[^。;;]{0,12}?(制度|机制|办法|规则|规程|规定|标准|规范|细则)", "system", ""),
    (r"建章立制|长效机制|制度建设", "system", ""),
    # a system (体系), a procedure, a 负责制 or a charter built or put into force
    (
        r"(?:建立|健全|完善|修订|调整|实行|推行|写入|进(?=章程))[^。,,;;]{0,20}?(?:体系|流程|负责制|章程)",
        "system",
        "huiji+provdept+province+insurer+wild01+wild02+wild03+wild06",
    ),
    # a way of managing or approving put into force (实行销号管理, 清单化管理, 推行“村账乡代管”, 规范…审批)
    (
        r"(?:实行|推行)[^。,,;;]{0,12}?(?:(?:销号|清单化|台账|闭环)[^。,,;;]{0,2}管理|审批|代管|公开)|规范[^。,,;;]{0,10}?审批",
        "system",
        "provdept+province+wild04+wild08",
    ),
    (r"(印发|出台|制定|下发|研究制定)[^。;;]{0,20}?(方案|通知|要点|计划|意见|规划|若干措施|文件|清单)", "document", ""),
    (r"修订[^。,,;;]{0,20}?清单", "document", "wild01+wild06+wild10"),  # a list of duties revised (…主体责任清单)
    # the contract's bare cues of document, where no title (the rows above) and no rule follows
    (r"(?:印发|出台)(?![^。;;]{0,8}《|[^。;;]{0,30}?(?:制度|机制|办法|规则|规程|规定|标准|规范|细则))", "document", ""),
    # the contract names a standing committee (市委常委会) as a meeting (the body behind a meeting it names); its
    # meetings figures' words (研讨, 谈心谈话) are meetings
    (
        r"召开|会议|学习研讨|中心组|专题会|第一议题|民主生活会|座谈|集中学习|党课|例会|宣讲|常委会(?!委员)|研讨|谈心谈话",
        "meeting",
        "",
    ),
    (r"听取[^。,,;;]{0,24}?汇报", "meeting", H),  # a session hearing reports (听取…巡察情况汇报)
    (r"专题研究", "meeting", "wild01+wild10"),  # a leading body's special session (局党组每半年专题研究…)
    # reports heard and rated (述职评议, 述责述廉评议), a matchmaking or promotion meeting held (对接会, 推介会)
    (r"述[职责廉][^。,,;;]{0,6}?评议|(?:对接|推介)会", "meeting", "wild09+wild12+wild14"),
    # talks held (the contract's meetings: 谈心谈话, talks in 人次), not those holding someone to account (提醒谈话)
    (r"(?:廉政|集体|任前|谈心)谈话", "meeting", "wild06+wild10"),
    (r"培训|轮训|党校|能力提升", "training", ""),
    (r"读书班|专题班", "training", "wild14"),  # a course of study held for cadres
    # and the contract's words of the figures held to account or punished (组织处理, 提醒谈话, 开除 …) and of cases
    # (侦破…案件, 审结)
    (
        r"问责|追责|处分|约谈|诫勉|通报批评|立案|查处|责任追究|执纪|审查调查|问题线索|移送"
        r"|组织处理|提醒谈话|批评教育|责令|开除|撤职|逮捕|刑事拘留|侦破|审结",
        "accountability",
        "",
    ),
    (r"通报曝光|曝光典型", "accountability", "wild09"),  # cases named in public
    # firms penalised (依法处罚, 罚款, 列入…黑名单, 作出处理) and cases (立案…案件): held to account, whoever they are
    (
        r"处罚(?!案件)|罚款|罚没|黑名单|作出处理|(?:立案|查处|审查调查)[^。,,;;]{0,12}?案件",
        "accountability",
        "province+county+wild03+wild05",
    ),
    # with supervising (督办: the contract's supervises) and a campaign (runs a campaign), an inspection of the
    # contract's own kinds (巡视, 专项巡视), not the rectification of one that every report is about (巡视整改, 巡视反馈)
    (
        r"督查|督办|检查|排查|巡查|督导|回头看|专项整治|专项治理|整治|治理|监督|核查|自查|暗访|抽查|审计|巡察|摸排|清查"
        r"|专项行动|巡视(?!整改|反馈|意见)",
        "inspection",
        "",
    ),
    (r"专项清理|清理违规", "inspection", f"{CO}+{IN}"),  # a clean-up campaign (开展…专项清理, 清理违规发放津补贴)
    # any clean-up (全面清理, 开展非主业投资清理, 开展阵地清理), not items cut down (清理规范考核评比事项, 清理压降)
    (r"清理(?!规范|压降)", "inspection", "xuchang+county+insurer+wild04+wild07+w2a_01+w2a_03+w2b_02+w2c_01"),
    # checks of files, cases and accounts (审核档案, 案卷评查, 年检, 抽测, 清产核资) and a clean-up of bodies (整顿…党组织)
    (
        r"审核|评查|年检|抽测|核资|(?<!教育)整顿|(?:进行|开展)(?:全面|专项)?审查",
        "inspection",
        "county+wild04+wild05+wild06+wild07+wild08+wild09+wild10+wild11+wild13",
    ),
    (r"普查", "inspection", XU),  # a survey (对贫困户进行精准普查)
    # 调整 where it adjusts cadres (the contract's personnel), not functions, bodies or indicators (调整职能, 机构调整)
    (
        r"选拔|提拔|配备|考察|干部队伍|选派|任用|班子建设|人才|交流任职|换届"
        r"|调整(?=[^。,,;;]{0,12}?(?:干部|班子|书记|人员|岗位))|(?:干部|班子|岗位|组织|书记)[^。,,;;]{0,10}?调整",
        "personnel",
        "",
    ),
    # staffing (招聘, 遴选, 补充…人员) and a pool of cadres built up (后备干部, 干部…储备库)
    (
        r"招聘|招录|录用|遴选|补充[^。,,;;]{0,12}?(?:人员|教师|干部)|后备干部|干部[^。,,;;]{0,6}?储备",
        "personnel",
        "wild01+wild06+wild09+wild10+wild11+wild13",
    ),
    (r"人事档案", "personnel", "wild02+wild05"),  # cadres' files kept
    (r"轮岗", "personnel", "w2b_03+w2c_01+w2c_02+w2c_04"),  # cadres rotated (交流轮岗): adjusted
    # a 制度建设 builds a system (the system row), no construction project; funds spent (the contract's
    # funds_spent wording: 投入, 拨付, 筹集, 补助) and growth (its economic results) are
    (
        r"项目|建设(?<!制度建设)|投资|资金|产值|企业|经济|产业|工程|招商|营商|改造|投入|拨付|筹集|补助|增长",
        "project",
        "",
    ),
    (r"保险|赔款", "project", IN),  # an insurer's business results
    # the economic results of assets, debt, land and places built (盘活资产, 有息债务, 收储土地, 新增学位, 床位)
    (
        r"资产|债务|融资|土地|学位|床位|征收|种植|改扩建|新建",
        "project",
        "huiji+xuchang+wild06+wild07+wild10+wild12+wild13",
    ),
    (r"制度|机制|办法|规则|规程|细则", "system", ""),  # a bare 制度 counts only where nothing more specific does
    (r"方案|通知|要点|意见|文件|规划|若干措施", "document", ""),  # the Clarifications: 规划, 若干措施 are document
    (r"宣传|评选|服务活动|机构改革", "other", ""),  # the contract's cues of other, where none of the above
    # the reform of government services (一网通办, 最多跑一次, 企业开办) is no project
    (r"一网通办|最多跑一次|企业开办", "other", "huiji+county+wild11"),
    # services to firms (走访企业, 惠企政策, 警企服务站): the contract's 服务活动, no project
    (r"走访[^。,,;;]{0,8}企业|服务企业|惠企|警企|优服务", "other", "w2a_01+w2b_02+w2b_03+w2b_04"),
    # Party building joined to the work (党建品牌, 党建与业务深度融合, “党建+安全”): none of the kinds above
    (
        r"党建[^。,,;;]{0,4}品牌|党建(?:工作)?与[^。,,;;]{0,6}?业务[^。,,;;]{0,6}?融合|“党建\+",
        "other",
        "insurer+xuchang+w2a_01+w2a_02+w2a_04",
    ),
)
# Words blanked before the kind rows read the text: the 建设 of a society, a civilisation or a -化 (法治社会建设,
# 生态文明建设, 信息化建设, 规范化建设) builds nothing, as 党的建设 does not (the project row); opinions heard or
# given (听取…意见, 发表意见, 反馈意见) are no 意见 issued; a planning permit, a planned project, the planning a
# department does (规划许可, 规划项目, 自然资源规划) are no 规划 issued.
NOT_KIND_CUES: Words = (
    (r"(?:文明|社会|化)建设", f"{H}+{XU}+{XC}+{PD}"),
    # nor does the 建设 of Party organisation, style or rule of law, or of a team (its 队伍 stays: the contract's
    # 干部队伍); written on the dev reports' misses, once a look-behind of the project row
    (r"(?<=组织|党的|作风|廉政|法治|队伍|行政|党风|阵地|文化)建设", f"{H}+{XC}+{XU}"),
    (r"(?:机构|自身)建设|经济社会发展", XU),  # an organisation's own building, development in general: no project
    (r"“?监督执纪问责”?", XU),  # the discipline bodies' function named, no one held to account
    # a firm's governance (公司治理, 治理结构, 治理能力) is no campaign of 治理
    (r"公司治理|治理(?:结构|体系|能力)", f"{H}+w2c_03"),
    (r"(?:听取|发表|征求|提出|反馈|形成)[^。,,;;《》]{0,6}?意见(?:建议)?", f"{H}+{XC}"),
    (r"规划(?=许可|项目|研究院)|自然资源规划", f"{H}+{XU}+{XC}"),
    # money taken back (the contract's funds_recovered wording: 清退, 追回 …) funds nothing: no project
    (r"(?:追缴|清退|收缴|退还|追回)[^。,,;;]{0,14}?资金", "wild02+wild06+wild07+wild10"),
    # documents and meetings cut down (精简文件会议, 减少发文、会议数量) are neither issued nor held
    (
        r"(?:精简|减少|压减|控制)(?:[^。,,;;]{0,8}?(?:文件|会议|发文|数量))+|(?:发文|会议|文件)数量",
        "xiangcheng+xuchang+insurer",
    ),
)

# --- measure status -----------------------------------------------------------------------------------------
# Checked in this order; the first row with a hit decides. A plan verb leading the measure makes it planned;
# a completion reported (已, 完成, a title issued) makes it done before any progress or standing cue; a figure
# reports no completion where the text stresses that the work is under way or standing (正在…, 坚持每月…1次:
# the contract's in_progress and long_term, "with no completion reported"), but beats 常态化, 定期 and a bare
# act verb; a standing commitment (坚持每…, 常态化, 定期) beats a bare act verb, a bare frequency (每月) does not.
STATUS: Sequence[tuple[str, str, MeasureStatus, str]] = (
    ("lead", r"^(谋划|拟|准备|计划|下一步|将要|将于)", "planned", ""),
    # a body opening the lead, then the plan verb (镇党委计划结合…, 集团公司将组织…); not a body named for plans
    # (局计划财务股)
    (
        "lead",
        r"^[^、“”《》0-9]{1,10}?(?:委|党组|公司|局|部|组|政府)(?:将|计划)(?![^,,。;;]{0,3}[股处科室局部])",
        "planned",
        "w2a_03+w2c_03+w2c_04",
    ),
    # a ledger's field that states it (完成情况:整改中, 完成情况:长期坚持)
    ("text", r"完成情况[::]\s*(?:整改中|推进中|正在)", "in_progress", "w2c_04"),
    ("text", r"完成情况[::]\s*长期坚持", "long_term", "w2c_04"),
    ("text", r"。(?:谋划|拟|准备)", "planned", XC),  # a sentence led by the plan verb, after a generic lead
    ("text", r"已|完成|先后|累计|截至|截止", "done", ""),
    # a perfective act (召开了, 学习了); not 为了, 了解, 了结 …
    ("text", r"(?<!为|除|不|得|罢|极|受)了(?!解|结|不起|如指掌)", "done", H),
    ("text", r"(?:印发|出台|制定|下发)《", "done", ""),  # the contract's 印发/出台 with a specific object: a title
    ("text", r"长期坚持|坚持每|坚持[^。,,;;]{0,12}每", "long_term", ""),
    # building or issuing something is reported, even where it is then done regularly (建立…机制,定期…)
    (
        "text",
        r"(建立|制定|印发|出台|成立|签订|下发|设立)[^。,,;;]{0,30}?(制度|机制|方案|通知|意见|办法|台账|清单|小组|专班|规则)",
        "done",
        "",
    ),
    ("text", r"(?:组建|成立)[^。,,;;]{0,30}?组(?!织)", "done", XC),  # a group set up (组建…考察组)
    # a rule revised: a specific object, a title or a rule named (修订《…办法》, 修订党委会议议事规则)
    ("text", r"修订(?=《|[^。,,;;]{0,12}?(?:制度|规则|办法|细则|规定|标准))", "done", "wild07+wild10+wild12+wild13"),
    # stress on progress, where nothing is reported built or issued
    ("text", r"正在|推进中|加快推进|有序推进|稳步推进", "in_progress", ""),
    ("text", r"加快推动", "in_progress", XC),
    ("text", r"持续推动|持续深化", "in_progress", H),
    # a figure, no bound (总投资460万元,目前正在…: the size of what is under way, no result)
    ("text", r"[0-9](?<!每[0-9])", "done", ""),
    # the contract's standing cues (常态化, 定期) over an act verb that names no specific completed act (定期召开…,
    # 常态化开展…): what is reported is the commitment, not one act
    ("text", r"常态化|定期", "long_term", ""),
    # a regular act with no single completed one (不间断开展…, 每季度…抽查, 每年听取2次)
    (
        "text",
        r"(不间断|每[周月年季日天]度?[^。,,;;]{0,6}?)(开展|召开|听取|抽查|检查|进行|研究)",
        "long_term",
        f"{H}+{XU}",
    ),
    (
        "text",
        # an act verb (its nouns, its means and 明确要求 are blanked by NOT_CUES)
        r"召开|印发|出台|建立|制定|成立|开展|组织|举办|签订|下发"
        r"|设立|制作|编制|发布|进行|聘请|选派|实施|纳入|列入|明确|形成|目前",
        "done",
        "",
    ),
    ("text", r"每月|每周|每季度|每年|每半月", "long_term", ""),
    ("text", r"将|计划|下一步|拟", "planned", ""),
)

# Words blanked before the rows are searched, lest a cue be read inside them (纠正在…: no 正在; a campaign's name,
# 学习教育常态化制度化: no standing commitment).
NOT_CUES: Words = (
    (r"纠正", XU),
    (r"常态化制度化", XU),
    # the means of a generic act (通过召开…会等形式, 利用…座谈会等形式): no act reported; a regular means (通过定期
    # 召开…等方式) is the standing commitment itself
    (r"(?:通过|利用|采取)(?![^。;;]{0,40}?(?:定期|常态化|每))[^。;;]{0,40}?等(?:形式|方式|途径)", f"{H}+{XU}"),
    # written on the dev reports' misses, once exceptions of the rows of a figure and of an act verb: a bound (不低于
    # 15个) is no result, every digit of it; the nouns 党组织, 信息发布 hold no act; a means (通过开展…) and an addressee (明确要求) report
    # none
    (r"(?:(?<=不低于)|(?<=至少)|(?<=不少于))[0-9.]+", f"{H}+{XU}"),
    (r"(?<=党|层)组织|组织(?=建设|生活|结构|工作)", f"{H}+{XC}+{XU}"),
    ("通过开展", H),
    ("信息发布", XC),
    ("明确要求", f"{XC}+{XU}"),
)

# --- responsible --------------------------------------------------------------------------------------------
# How a body's name ends (区委组织部, 市纪委监委, 各镇(街道), 检查组 …).
BODY_END = (
    r"(?:委员会|常委会|纪委监委|办公室|政府|人大|政协|党委|党组|党工委|工委|部门|中心组|中心|领导小组|小组|专班"
    r"|机关|班子|[委局办厅部院所站队组处科会镇乡村室])(?:\([^()]{1,8}\))?"  # 室: the contract's 各监督检查室
)
BODY_END_MORE: Words = (
    ("宣讲团|合作社", XC),  # bodies named by what they are (区委宣讲团)
    # a school, a Party school, a group of schools acting (涉事学校召开…, 市县党校共举办…)
    ("学校|党校|集团", f"{H}+{XU}"),
    # a government named as acting (桃城区, 各县(市、区)); not the whole area (全区, 全市, 全县), a city as a thing
    (r"[区县市](?<!全区|全市|全县|辖区|城市)(?<!中心城区)(?:\([^()]{1,8}\))?", ""),
    ("财政", f"county+province+{XU}"),  # the finance named as paying (县财政安排…, 县级财政按照…保障)
    ("公司", f"insurer+{H}"),  # a company acting (天河公司, 省级分公司)
    ("党总支", H),  # a Party branch above 党支部 (财政局党总支)
    ("股", "w2c_02+w2c_04"),  # a bureau's section (局人事股, 局基建股)
    ("校", "w2c_01+wild14"),  # the school speaking of itself (学校单列…, 学校与临江市共建…)
)
# A clause whose subject is a body opens with any name that has a body's ending (区委…, 城市管理局, 住建部门): the
# contract's government named as acting (桃城区) opens with no level. (Retagged from huiji+xuchang+xiangcheng+
# provdept; the rows of levels, 纪委, 纪检监察, …部门 it held besides are in it.)
BODY_START: Words = (("[\u4e00-\u9fff“]", ""),)
# Verbs that show the body at the clause start doing something (区委先后召开…, 区纪委监委对…开展…).
ACTING: Words = (
    (
        "先后|多次|专门|专题|及时|认真|迅速|主动|积极|定期|牵头|研究|召开|主持|组织|开展|印发|出台|制定|建立|成立|对|把|将|坚持|深入|深化|进一步|以|结合|围绕",
        "",
    ),
    (
        "联合|会同|全面|严格|下发|举办|部署|落实|推动|推进|采取|通过|制订|编制|委托|抽调|实行|探索|创新|按照|审议|听取|统筹|持续|不断|着力|切实|强化|加强|带头(?!人)",
        "",
    ),
    ("紧盯|针对|召集|编印|充分|已|于|共|累计", ""),
    (
        "确定|申报|挖潜|提供|争创|协助|向|开辟|拿出|成功|组成|相继|自查|列席|开设|进行",
        f"{XU}+{XC}+provdept",
    ),
    ("签订|听取|列席", H),
    ("专人|均", H),  # 区纪委监委专人负责…, 各镇(街道)均出台…
    ("提拔|新(?=提拔|增|建|招聘)", IN),  # cadres promoted (集团总部和省级分公司新提拔…)
    ("等(?:单位|部门)(?=相继|先后|分别|均|都|已|也)", XU),  # a list closed by 等单位 (市人大、市政府等单位相继召开…)
    ("安排", CO),  # the contract's funds allocated (县财政安排扶持资金…)
    # the body that works with a partner (厅党组与驻厅纪检监察组会商): the contract lists the partner (与中化集团合作)
    # as no body that carries it out, so the one before 与 is (retagged from provdept+xuchang)
    ("与", ""),
    # the verbs of the contract's kind, status and indicator tables (a body that 问责s, 配备s, 追缴s … acts; one that
    # 每…s keeps a standing commitment, 坚持每…)
    (
        "健全|完善|修订|排查|巡查|督查|检查|督导|审计|专项整治|问责|追责|约谈|诫勉|通报|立案|查处|选拔|任用|调整|配备"
        "|考察|轮训|宣传|评选|建设|投入|投资|拨付|筹集|发放|追缴|收缴|清退|追回|挽回|侦破|审结|移送|受理|办结"
        "|销号|抽查|暗访|学习研讨|完成|处分|开除|撤职|逮捕|退还|组织处理|提醒谈话|批评教育|责令|谈心谈话|集中学习"
        "|每|常态化|长期坚持|建章立制|补助|查封|冻结|扣押|刑事拘留|正在|拟|专项治理|审查调查",
        "",
    ),
    # the rest of those tables' verbs (回头看 of the kinds; 督促, 确保, 计划, 下一步, 加快推进, 有序推进 of the status
    # table; 整改 of the indicators; 谋划 of the clarifications): a body before them carries the measure out. Not 培训
    # and 巡察: mostly nouns in names (培训中心, 巡察工作领导小组)
    ("回头看|督促|确保|计划|下一步|加快推进|有序推进|整改|谋划", ""),
    # a date between the body and its act (局党组7月19日印发…, 厅党组2024年1月印发…)
    ("[0-9]{4}年|[0-9]{1,2}月", "w2a_01+w2a_02+w2a_03+w2a_04+w2b_02"),
    # the body a superior guides or backs acts (局人事股在区委组织部的指导下,对…): the contract's superior that
    # supervises is no body, the one before it is
    ("在[^,,。;;]{1,16}?的[^,,。;;]{0,4}?(?:指导|督导|支持|领导)下", "w2c_01+w2c_02+w2c_03+w2c_04"),
    # a body's acts the tables above lack (推行…, 组建…组, 推出…产品, 梳理…事项, 依托市委党校举办…)
    ("推行", "w2a_01+w2c_04"),
    ("开办", "w2a_02"),
    ("争取", "w2a_03+w2a_04"),
    ("组建", "w2b_01+w2c_01+w2c_02"),
    ("做好", "w2c_02"),
    ("推出", "w2b_03"),
    ("梳理", "w2b_02"),
    ("优化", "w2b_01"),
    ("依托", "w2b_02"),
    ("聚焦", "w2c_02"),
    ("实施", "w2c_03"),
    # the bodies that carry out what a lead body heads (…牵头,一公司、三公司具体实施; 各支行具体实施)
    ("具体实施", "w2a_02+w2b_03"),
    # where or when it acts (局党组在全区推行…, 集团纪委在元旦、春节等重要节点开展…)
    ("在(?=全[区市县省镇乡]|[^,,。;;]{1,20}?(?:期间|节点))", "w2a_01+w2a_02+w2a_04+w2c_02"),
    # a list of co-actors closed by a comma before the act (会同县财政局,抽调…; 会同…学院,于8月举办…)
    ("[,,](?=抽调|并|于)", "w2c_01+w2c_03+w2c_04"),
)
# What a clause opens with when its subject is no body: a verb of being addressed or of a requirement, a
# preposition, a partner, an adverb (责成花园口镇…, 督促各镇…, 与…合作, 加快推进…).
NOT_START: Words = (
    # the contract's bodies only addressed by a requirement (要求各县市区委…) and partners (与中化集团合作)
    ("要求|责成|督促|与", ""),
    # the contract's status cues that are verbs (加快推进, 有序推进; 计划, 下一步; 确保): a clause they open names
    # no body before them
    ("加快推进|有序推进|计划|下一步|确保", ""),
    # written on the dev reports' misses: each tagged with the reports whose bodies it changes, those that change
    # none with the three dev reports read then
    ("指导|为|必须|暂缓", H),
    ("参加|提升|加大", XC),
    ("力争|加快", f"{XC}+{XU}"),
    ("支持|配合|走出去|做|抓|[东西南北]部|在|根据|合理", XU),
    (
        "推进|其他|检查|所有|大力|建立|加强|强化|推动|帮助|引导|鼓励|依托|利用|发挥|注重|聚焦|健全|完善|有计划|未|实施",
        f"{H}+{XC}+{XU}",
    ),
    ("到|协助", XU),  # a destination (到各县…), the body helped (协助市委…: the body after it acts)
    ("从", "w2b_02"),  # a source (从机关抽调…)
)
# A name may open with an act word where it names the body for that work (审计科、药剂科对…, 投资科会同…).
NAMED_FOR_ACT: Words = (("(?:审计|投资|督查|检查|督导|考察|宣传)[部科处组办局室]", "w2b_01+w2b_03+w2b_04+w2c_01"),)
# A name does not stop where a longer one goes on (区委|组织部, 区纪委|监委).
LONGER: Words = (
    ("组织部|监委", ""),  # the contract's 区委组织部, 市纪委监委
    ("宣传部", XC),
    ("统战部|政法委|[部局办委]|常委会", f"{H}+{XC}+{XU}"),
    ("会(?!同)", CO),  # 会同 joins a partner (局会同局), no 局会
    ("(?:督查|检查|督导|巡察|考察|审计)(?:组|办|局|机构|室)", H),  # 区委|巡察办: one body
    ("培训中心", f"{H}+{XC}"),
    ("建设局", f"{H}+wild03"),
    ("(?:审计|督查|检查|宣传)[部科处]", "w2b_01+w2b_02+w2b_03+w2c_01+w2c_03"),  # 集团公司|审计部, 市局|宣传处
)
CLAUSE_MARKS = ",,;;。::!!??\n"
# Words that open a clause before its subject (time, linking; 由 before the body that does it): skipped when
# looking for the acting body.
# A date (2021年8月, 8月下旬, 今年8月份, 10月8日至11月5日, 2023年上半年), a range's second date after 至/—.
DATE = (
    r"(?:(?:[0-9]{4}年|今年|去年)(?:[0-9]{1,2}月份?)?|[0-9]{1,2}月份?)(?:[0-9]{1,2}日)?"
    r"(?:[上中下]旬|[上下]半年|第[一二三四]季度|以来|至今|底|初|期间)?"
)
OPENER = (
    # the markers the segmenter opens measures with (一是, 1., (1), (一), 第一、; 第一, ends at its comma): no part of a
    # name, but 第二巡察组 keeps its 第二
    r"(?:[一二三四五六七八九十]+是|[0-9]{1,2}[.．、](?![0-9])|\((?:[0-9]{1,2}|[一二三四五六七八九十]+)\)|第[一二三四五六七八九十]+、"
    r"|同时|此外|另外|其中|并|还|今年以来|近年来|目前|截至目前|特别是"
    rf"|{DATE}(?:[至—-]{DATE})?、?|今年|之后|目前|由)+"
)
# A specific set of the levels' bodies (the contract's 各监督检查室: 市、县两级纪委, 市、县组织部门) is one body: the
# levels listed before it do not split it.
LEVEL_SET: Words = (("[省市区县乡镇]、", ""),)  # the contract's specific set (retagged from xuchang)
# How a specific set of bodies opens (the contract's 各监督检查室): at a clause's start it is the subject, shown
# doing whatever follows it.
SPECIFIC_SET: Words = (("各", ""),)
# The contract's posts (市委主要负责人): a set's name followed by one names the post, no body.
POST: Words = (("书记|主要负责|负责人|主任|局长|部长|委员|常委", ""),)
# What never stands in a body's name (a bracket may hold them: 乡(镇、办)党委), and a name's length in units.
NAME_STOPS = "、,,。”《》0-9的和及对已“("
# What a name never runs on to (a word of these ends it).
NAME_STOP_WORDS: Words = (
    ("开展|召开|申报", f"{H}+{XC}+{XU}"),  # a name holds no act
    ("按照|作为|每", PV),  # 县级财政|按照每村…
    # nor a partner after 与 (学校与临江市共建): the contract's partner (与中化集团合作) is no body (retagged from
    # wild14, as the ACTING row of 与 was)
    ("与", ""),
    ("(?<![自理经来])由", XU),  # nor the agent after 由 (线索由市纪委…)
)
NAME_UNITS = 16
# A clause's start, past its opener, where no verb (建立…) opens it: the NOT_START rows kept fill the slot.
_NOT_START_SLOT = "(?#not_start)"
CLAUSE_START = rf"(?:^|[,,。;;::\n])(?>{OPENER}|)(?!{_NOT_START_SLOT})"
# Bodies named as the meeting they hold (30次区委常委会“第一议题”学习; 召开区委常委会(扩大)会议, 召开…领导小组
# 会议, 召开2020年度区委常委班子民主生活会), outside titles.
MEETING_BODY: Words = (
    (r"(?P<b>[省市区县纪](?<![《提交向省市区县].)纪?委(?:常委会|理论学习中心组|中心组))", ""),
    (
        r"(?:召开|列席)(?:[0-9]{4}年度?)?(?P<b>[^,,。;;、《》“”0-9的]{1,14}?(?:常委会|委员会|领导小组|班子|党委|党组|政府))"
        r"(?=(?:\(扩大\))?(?:常务)?(?:会议|民主生活会|专题会))",
        "",
    ),
    # the speaking body's own study group, unprefixed (完善党组理论学习中心组学习制度): 中心组学习 is the contract's
    # meeting; not a longer body's group (厅党组…, read at the clause start)
    (r"(?<![厅局部委办院校司市区县镇乡村所站队处科会对])(?P<b>党[组委]理论学习中心组)", ""),
)
# A clause led by a study group (厅党组理论学习中心组开展…专题学习) or by a leading body that holds a special session
# (厅党组每半年专题研究…, the contract's 专题会): the group is the meeting's body. Each row (word it needs, pattern,
# origin) is searched only where its word is in the text: a clause start is slow to scan for.
SESSION_BODY: tuple[tuple[str, str, str], ...] = (
    ("中心组", rf"{CLAUSE_START}(?P<b>[^,,。;;、《》“”0-9的]{{1,8}}?(?:党组|党委|委)(?:理论学习)?中心组)(?!学习)", ""),
    (
        "专题研究",
        rf"{CLAUSE_START}(?P<b>[^,,。;;、《》“”0-9的]{{1,6}}?(?:党组|党委|常委会))(?=(?:每[^,,。;;]{{1,4}})?专题研究)",
        "",  # the contract's 专题会 and the body behind a meeting it names (retagged from provdept)
    ),
    # a clause led by a leading body's meeting (党组会议“第一议题”学习, 乡党委会议专题学习): the body behind it; a
    # level at most before it (a verb is no name: 修订党委会议议事规则)
    (
        "会议",
        rf"{CLAUSE_START}(?P<b>[省市区县乡镇厅局]?(?:党组|党委|党工委|常委会|政府))(?=(?:\(扩大\))?(?:常务)?会议)",
        "",
    ),
)
# The author of a document the measure issues: the issuer that opens its title (出台《郑州市惠济区财政局关于…》,
# 《中共惠济区委2020年度…方案》: a title is issuer + 关于 or year + subject), or named before it (出台相城区纪委
# 监委《关于…》); where several titles follow the verb, each.
ISSUE = r"(?:印发|出台|制定|下发|修订)"
AUTHOR: Words = (
    (
        ISSUE + r"(?:《[^《》]*》(?:\([^()]*\))?[、和及]?)*"
        r"(?:《(?P<b>[^《》]{2,16}?"
        + BODY_END
        + r")(?=关于|[0-9]{4}年)|(?P<c>[^,,。;;、《》“”0-9的]{2,14}?"
        + BODY_END
        + r")《)",
        "",
    ),
)
# A body joined to the act by the word before it, shown acting: a co-actor after 会同 (县农业农村局会同县财政局
# 开展…: both carry it out), the body helped after 协助 (协助市委制订…: 市委 issues it), the agent after 由 (由市、
# 县两级纪委进行…; not 自由, 理由), the body entrusted after 委托 (委托…中心编制《…》).
CO_ACTOR: Words = (
    ("会同", "county"),
    ("协助", XU),
    ("(?<![自理经来])由", XU),
    ("委托", XU),
    ("联合", "w2b_04+w2c_04"),
)
# A ledger's field naming the bodies that carry the row out (责任单位:局人事股、局机关党委): each, to the line's end.
RESPONSIBLE_FIELD: Words = (("责任单位[::]", "w2c_04"),)
# A 和 inside a name, of an agency named for two fields (县自然资源和规划局, 住房和城乡建设局): not after a body's
# ending (城市管理局和各镇 lists two bodies), and followed by one.
NAME_JOINED: Words = (
    (r"(?<![局委办厅部院所站队组处科会镇乡村室区县市大协府团校司])和(?=[^、,,。;;和]{1,6}?(?:局|厅|委员会))", "wild10"),
)
# A body set up by the measure, shown acting (成立检查组于…, 成立整改工作专班).
SET_UP: Words = ((r"成立(?P<b>“?[^,,。;;、《》0-9的]{0,10}?(?:检查组|检查小组|督导组|专班|突击队)”?)", H),)
# The discipline body that problem leads are handed to, and which files the cases (移交驻局纪检监察组,已立案审查…).
HANDED_TO: Words = (
    (r"移交(?P<b>驻[^,,。;;、《》“”0-9的]{1,6}?纪检监察组)(?=[,,]?(?:目前)?已?立案)", "wild01+insurer"),
)
# A name found that is no body.
NOT_BODY: Words = (
    # the contract's posts (市委主要负责人) and vague references (有关部门)
    ("书记|主要负责|领导干部|负责人|委员$|常委$|主任|局长|部长", ""),
    ("^(?:有关部门|相关部门|各部门|各单位|部门|小组|组织|中心)$", ""),
    ("^(?:有关|相关)", XU),  # any name the contract's vague 有关 opens (有关县(市、区), 相关单位)
    ("^(?:干部|党员|群众)$|干部$", ""),  # the contract's people (its indicator table: 干部、党员、群众)
    ("^(?:全区)?各级", ""),  # a set of every level (各级党委): no specific set, as the contract's 各监督检查室 is
    # words that are no name (written on the dev reports' misses): each tagged with the reports whose bodies it
    # changes, those that change none with the three dev reports read then
    ("^(?:全体|全部|内部|外部|局部|重点|重要|工作)$|问题|工作组织", f"{H}+{XC}+{XU}"),
    ("^(?:县乡村|乡村|城乡)$", XU),
    # a meeting held, a place, an area are no body: the contract's meetings (民主生活会, 专题会), the others
    (r"(?:生活|专题)会$", ""),
    (r"(?:推进|调度|部署|座谈|见面|动员|大)会$|场所$", XU),
    ("(?:片|样板|园|景|小)区$", H),
    # an adverb (…支出全部实行), society (取缔非法社会|组织) end no body
    ("全部$", "wild08"),
    ("社会$", "wild10"),
    # rooms that are no body where 室 ends one (the contract's 各监督检查室)
    ("^科室$", f"{H}+{XC}+wild01+wild02"),
    ("^处室$", PD),
    ("^村室$|实验室$", XU),
    ("成员(?!单位)", "w2b_03"),  # members (班子成员带队): people, as the contract's posts
    ("^逐", "w2a_03"),  # one by one (逐村梳理…): an adverb, no name
)

# --- the labelers ---------------------------------------------------------------------------------------------
_LEAD_END = re.compile(r"[。,,;;::]")
_DATE_ONLY = re.compile(r"[0-9年月日至—\-今以来底初]+")  # a lead that is only a date (4月至5月, 2023年1-8月, 5月至今)
_CLAUSE_MARKS = "。,,;;"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_MARKS}]")
_LIST_MARK = re.compile("[、和及]")
# 将 used as 把 is no future cue; a title's words and digits are not the measure's; 每年听取2次 is a frequency.
_AS_BA = re.compile(r"将([^。,,;;]{0,30}?(?:纳入|列入|作为|写入|转化为|相?结合|挂钩))")
_TITLE = re.compile(r"《[^《》]*》")
_FREQUENCY = re.compile(r"(每[周月年季日天半][^。,,;;]{0,10}?)[0-9]+")


def _blank(title: re.Match[str]) -> str:
    """A title with its words blanked, its length kept (so that hits keep their places)."""
    return "《" + "_" * (title.end() - title.start() - 2) + "》"


def after_marker(measure: str, marker: str = "") -> str:
    """The measure's text after its marker (一是), where it opens with it."""
    return measure[len(marker) :] if marker and measure.startswith(marker) else measure


def lead(measure: str, marker: str = "") -> str:
    """The lead phrase: after the marker (一是) up to the first 。, comma or semicolon."""
    body = after_marker(measure, marker)
    end = _LEAD_END.search(body)
    return body[: end.start()] if end else body


# Carrying out a mechanism that already exists (落实周调度机制, 严格执行…制度) is not building one (the contract's
# Clarifications): its noun is blanked, so that the kind is what the work does.
_RULE_NOUN = "制度|机制|办法|规定|规则|规程|细则|标准"  # the contract's rules (细则, 标准: the Clarifications)
_CARRIED_OUT = re.compile(
    rf"(?:落实|执行|贯彻|遵守|坚持)[^。,,;;《]{{0,16}}?(?:{_RULE_NOUN})(?:(?:及其|和|及)[^。,,;;《]{{0,6}}?(?:{_RULE_NOUN}))?"
)
_BUILT = re.compile(r"(?:建立|健全|完善|修订|制定|出台|印发)[^。,,;;]{0,12}$")  # 建立…落实情况报告制度 is built


def _carried_out(m: re.Match[str]) -> str:
    if _BUILT.search(m.string, max(0, m.start() - 14), m.start()):
        return m.group()
    return re.sub(_RULE_NOUN, "__", m.group())  # every noun is two characters


_KindRows = tuple[tuple[re.Pattern[str], MeasureKind, bool], ...]


class _KindTable(NamedTuple):
    rows: _KindRows  # each with whether it reads titles (the rows of issued titles)
    not_kind: re.Pattern[str]


@cache
def _kind_rows(skip: Skip, titled: bool) -> _KindTable:
    """The rows kept (but those of issued titles for a measure with no title, as most are). A row each, not
    one alternation: re scans for a row's first characters fast, for an alternation of them all slowly. The
    kept NOT_KIND_CUES as one pattern, guarded by the characters its words begin with (a third of the time of
    the unguarded alternation, tried at every position)."""
    return _KindTable(
        tuple((re.compile(scan_guarded(p)), kind, titles) for p, kind, titles in _kind_patterns(skip, titled)),
        re.compile(guarded("|".join(_not_kinds(skip)) or "(?!)")),
    )


def _kind_patterns(skip: Skip, titled: bool) -> list[tuple[str, MeasureKind, bool]]:
    rows = [(p, kind, "《[^《》]*" in p) for p, kind, origin in KIND if kept(origin, skip)]
    return [row for row in rows if titled or not row[2]]


def _not_kinds(skip: Skip) -> list[str]:
    return [w for w, origin in NOT_KIND_CUES if kept(origin, skip)]


class _MeasureGate(NamedTuple):
    """One gate (:class:`RowGate`) over a measure's text for its kind, its named bodies and its status: from one
    scan, the rows of each that can match in the text (or in a part of it): most rows cannot, and a scan costs
    about five rows' searches. Its rows: the kind rows; the blanking patterns (_CARRIED_OUT, then each row of
    NOT_KIND_CUES), searched only where the scan finds their words; the named-body rows (:class:`_BodyCues`);
    the status rows kept (:func:`_status_rows`), then the status blanking rows (:func:`_not_cues`)."""

    gate: RowGate
    named: int  # where the named-body rows begin (the blanking patterns begin at the number of kind rows)
    # whether a word holds the blank (_): where none does, blanking adds no word, and what the gate lists for a
    # text holds for it blanked (its titles' words too)
    rescan: bool
    status: int  # where the status rows begin
    not_cues: int  # where the status blanking rows (NOT_CUES) begin


@cache
def _measure_gate(skip: Skip, titled: bool) -> _MeasureGate:
    before = [*(p for p, _, _ in _kind_patterns(skip, titled)), _CARRIED_OUT.pattern, *_not_kinds(skip)]
    named = [needs for _, _, needs in _body_cues(skip).named]
    status = [required_sets(p) for _, p, _, origin in STATUS if kept(origin, skip)]
    blanks = [required_sets(p) for p, origin in NOT_CUES if kept(origin, skip)]
    gate = RowGate([*map(required_sets, before), *named, *status, *blanks])
    at = len(before) + len(named)
    return _MeasureGate(gate, len(before), gate.holds("_"), at, at + len(status))


def measure_gate(text: str, skip: Skip = NO_SKIP) -> list[int]:
    """What the gate of the measure labelers lists for the measure ``text`` (:class:`_MeasureGate`): given to
    :func:`measure_kind` and :func:`responsible` of that measure, one scan serves both."""
    return _measure_gate(skip, "《" in text).gate(text)


def _blank_all(m: re.Match[str]) -> str:
    return "_" * len(m.group())


def measure_kind(text: str, marker: str = "", skip: Skip = NO_SKIP, gated: Sequence[int] | None = None) -> MeasureKind:
    """The kind of the measure ``text``; ``gated`` is :func:`measure_gate` of it, where the caller has it."""
    return kind_reading(text, marker, skip, gated)[0]


def kind_reading(
    text: str, marker: str = "", skip: Skip = NO_SKIP, gated: Sequence[int] | None = None
) -> tuple[MeasureKind, bool]:
    """The kind of the measure ``text``, and whether only the count of cue hits over the whole text decided it
    (no row in the lead, no issued title after it): the weaker reading, which :mod:`.kind_model` may overrule."""
    titled = "《" in text
    rows, not_kind = _kind_rows(skip, titled)
    gate, named, rescan, _, _ = _measure_gate(skip, titled)
    found = gate(text) if gated is None else gated
    n_rows = len(rows)
    may = found[: bisect_left(found, n_rows)]  # the kind rows that can match in the text, hence in its lead
    blanks = found[len(may) : bisect_left(found, named)]
    if blanks:  # words of a blanking pattern are in the text
        if blanks[0] == n_rows:
            text = _CARRIED_OUT.sub(_carried_out, text)
            if rescan:
                found = gate(text)
                blanks = found[bisect_left(found, n_rows) : bisect_left(found, named)]
        if blanks and blanks[-1] > n_rows:  # of a row of NOT_KIND_CUES
            text = not_kind.sub(_blank_all, text)
            found = gate(text) if rescan else found
        may = found[: bisect_left(found, n_rows)]
    at = len(marker) if marker and text.startswith(marker) else 0
    head = lead(text, marker)
    if _DATE_ONLY.fullmatch(head):  # 一是4月至5月,在全系统开展…: a date says nothing done, the phrase after it leads
        at += len(head) + 1
        head = lead(text[at:])
    # in the lead, of the rows hit, the one whose last hit ends latest: a phrase's head comes last (加强巡察干部队伍
    # 建设: 干部队伍, not 巡察); of hits ending together, the row first in the table
    in_lead = [(i, rows[i][0], rows[i][1]) for i in may if rows[i][0].search(head)]
    if len(in_lead) == 1:
        return in_lead[0][2], False
    if in_lead:
        return max((list(pattern.finditer(head))[-1].end(), -i, kind) for i, pattern, kind in in_lead)[2], False
    # after a generic lead, a title issued at the text's start, or after a two-character adverb (研究制定《…》), is
    # the point: the Clarifications' document where 印发, 出台 lead
    after = at + len(head) + 1
    for i in may:
        pattern, kind, titles = rows[i]
        if titles and (pattern.match(text, after) or pattern.match(text, after + 2)):
            return kind, False
    # the kind with the most hits over the text; of kinds as often hit, the one hit first (the first act). A
    # title's words count only for the rows of issued titles: the others read the measure's own words.
    plain = _TITLE.sub(_blank, text) if "《" in text else text
    may_plain = [i for i in gate(plain) if i < n_rows] if rescan and plain is not text else may
    counts: dict[MeasureKind, int] = {}
    hit = []  # where each row with a hit is first hit: only they can be hit first
    for i in may if may_plain is may else sorted({*may, *may_plain}):
        pattern, kind, titles = rows[i]
        hay = text if titles else plain
        # a search first (most rows hit nothing, and a search is cheaper than a findall), then the hits after it
        if m := pattern.search(hay):
            rest = pattern.findall(hay, m.end()) if m.end() > m.start() else pattern.findall(hay)[1:]
            counts[kind] = counts.get(kind, 0) + 1 + len(rest)
            hit.append((m.start(), kind))
    projects: list[int] = []  # where a project's hits stand, less those that are another act's objects
    if (
        len(counts) > 1
        and "project" in counts
        and counts["project"] >= max(n for kind, n in counts.items() if kind != "project")
    ):
        projects = _projects(rows, may_plain, plain)
        counts["project"] = len(projects)
        counts = {kind: n for kind, n in counts.items() if n}
    best = max(counts.values(), default=0)
    tied = [kind for kind, n in counts.items() if n == best]
    if len(tied) < 2:
        return (tied[0] if tied else "other"), True
    first = {kind: len(text) for kind in tied}
    for at, kind in hit:
        if kind in first:
            first[kind] = min(first[kind], at)
    if projects and "project" in first:
        first["project"] = projects[0]
    return min(tied, key=first.__getitem__), True


def _projects(rows: _KindRows, may: Sequence[int], plain: str) -> list[int]:
    """Where a project's nouns (项目, 资金, 企业) stand, less those in a clause that another kind's act heads:
    they are that act's objects (排查项目186个, 对9家省属企业开展专项巡视), not what the measure does. Only
    reckoned where a project could win; each clause read once, a row at a time (re scans a row's first
    characters fast, an alternation of all rows slowly); ``may`` lists the rows that can match in ``plain``."""
    acts = [rows[i][0] for i in may if rows[i][1] != "project" and not rows[i][2]]
    marks = [m.start() for m in _CLAUSE_MARK.finditer(plain)]  # a hit's clause: between the marks around it
    found = []
    of_acts: dict[int, bool] = {}
    for i in may:
        pattern, kind, _ = rows[i]
        if kind != "project":
            continue
        for m in pattern.finditer(plain):
            before = bisect_left(marks, m.start())
            lo = marks[before - 1] + 1 if before else 0
            if lo not in of_acts:
                after = bisect_left(marks, m.end())
                hi = marks[after] if after < len(marks) else len(plain)
                of_acts[lo] = any(a.search(plain, lo, hi) for a in acts)
            if not of_acts[lo]:
                found.append(m.start())
    return sorted(found)


@cache
def _status_rows(skip: Skip) -> tuple[tuple[bool, re.Pattern[str], MeasureStatus], ...]:
    """The rows kept, compiled so that ``re`` skips to where each can match (:func:`scan_guarded`)."""
    return tuple(
        (where == "lead", re.compile(scan_guarded(p)), status)
        for where, p, status, origin in STATUS
        if kept(origin, skip)
    )


@cache
def _not_cues(skip: Skip) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p, origin in NOT_CUES if kept(origin, skip))


def measure_status(
    text: str, marker: str = "", skip: Skip = NO_SKIP, gated: Sequence[int] | None = None
) -> MeasureStatus:
    """The status of the measure ``text``; ``gated`` is :func:`measure_gate` of it, where the caller has it."""
    body = after_marker(text, marker)
    head = lead(body)  # lead(text, marker), the marker cut once
    rows, blanking = _status_rows(skip), _not_cues(skip)
    # the status and blanking rows the gate lists for the text: a row whose words the text lacks cannot match its
    # lead or its body blanked (blanks and 《》 add no word); where 将 became 把 or a frequency's digits went,
    # every row is tried
    gate = _measure_gate(skip, "《" in text)
    found = gate.gate(text) if gated is None else gated
    may: Iterable[int] = [
        i - gate.status for i in found[bisect_left(found, gate.status) : bisect_left(found, gate.not_cues)]
    ]
    blanks: Iterable[re.Pattern[str]] = [
        blanking[i - gate.not_cues] for i in found[bisect_left(found, gate.not_cues) :]
    ]
    if "将" in body:
        as_ba = _AS_BA.sub(r"把\1", body)
        if as_ba != body:
            may, blanks, body = range(len(rows)), blanking, as_ba
    if "《" in body:
        body = _TITLE.sub("《》", body)
    if "每" in body:
        fewer = _FREQUENCY.sub(r"\1", body)
        if fewer != body:
            may, blanks, body = range(len(rows)), blanking, fewer
    for blank in blanks:
        body = blank.sub(_blank_all, body)
    for i in may:
        on_lead, pattern, status = rows[i]
        if pattern.search(head if on_lead else body):
            return status
    return "not_stated"


class _BodyCues(NamedTuple):
    opening: re.Pattern[str]  # the text's first clause: its opening bodies, the last followed by an acting verb
    clauses: re.Pattern[str]  # the same after each clause mark (a charset first, so the scan skips to the marks)
    listed: re.Pattern[str]  # one body of such a list (区民宗局、市场监管局和各镇(街道)对…)
    # a body's last character before an acting verb's first, as every subject the two above find ends: a text
    # without that pair has none (a search of two characters, not a subject tried at every clause mark); None
    # where either is unknown
    junction: re.Pattern[str] | None
    # a meeting's body, a document's author, a body set up, a co-actor (group b or c), each with whether it
    # reads titles and the sets of words of which the text must hold one each for it to be searched (their
    # gate is the measure's, :class:`_MeasureGate`)
    named: tuple[tuple[re.Pattern[str], bool, tuple[tuple[str, ...], ...]], ...]
    not_body: re.Pattern[str]  # a name found that is no body


def clause_ahead(subjects: str, junction: str | None, marks: str) -> str:
    """A look ahead to put before ``subjects``, a pattern each of whose matches holds (ends with) a match of
    ``junction``, that fails where no match of it can begin: where neither a junction nor a bracket comes before
    the next of ``marks``. Sound where no match of ``subjects`` holds a mark outside a bracket (before its first
    ``(``, :func:`holds_before`); else, or where the junction's first characters are unknown, none (""). Tried at
    each clause mark, it fails most of them at a scan of one clause (a clause holds no junction three times in
    four) before the subject is tried there. It runs possessively over what no junction begins with (a lazy run
    tries the junction at every character: twice as slow)."""
    opens = first_chars(junction) if junction is not None else None
    if opens is None or holds_before(subjects, marks, "("):
        return ""
    stops = "".join(map(re.escape, marks))
    return f"(?=(?:[^{stops}({opens[1:-1]}]++|(?!{junction}|\\()[^{stops}])*+(?:{junction}|\\())"


@cache
def _body_cues(skip: Skip) -> _BodyCues:
    def words(rows: Words) -> str:
        return "|".join(w for w, origin in rows if kept(origin, skip)) or "(?!)"

    # the long alternations guarded by the characters they begin with: tried at every clause mark and name unit,
    # most fail at the first character
    acting, not_start = guarded(words(ACTING)), guarded(words(NOT_START))
    unit = rf"(?:\([^()]*\)|(?!{words(NAME_STOP_WORDS)})[^{NAME_STOPS}{CLAUSE_MARKS}]|{words(NAME_JOINED)})"
    longer = words(LONGER)
    end = f"{guarded(f'{BODY_END}|{words(BODY_END_MORE)}')}(?!{longer})"
    # a list's first body opens as a body does; those it lists after it need only a body's ending (区民宗局、城市
    # 管理局和各镇(街道)对…)
    item = rf"(?:{words(LEVEL_SET)})*(?!(?!{words(NAMED_FOR_ACT)}){acting}|{not_start})(?:“|{unit}){unit}{{0,{NAME_UNITS - 2}}}?{end}"
    body = rf"(?={words(BODY_START)}){item}"
    # a specific set opening the clause (各…室) is its subject whatever it does: the whole name (no act in it
    # but a longer name's part, 组织部; no body's ending in the few words after it nor a post: 各镇|党委书记, 各镇党委|书记 are posts)
    set_acts = (
        rf"(?:{words(SPECIFIC_SET)})(?:(?:(?!{acting})|(?={longer})){unit}){{0,{NAME_UNITS - 2}}}?{end}(?!{unit}{{0,4}}{end}|{words(POST)})"
        rf"(?=[^{NAME_STOPS}{CLAUSE_MARKS}])"
    )
    subjects = rf"(?>{guarded(OPENER)}|)(?P<s>{body}(?:[、和及]{item})*?(?={acting})|{set_acts})"
    ends, acts = last_chars(f"{BODY_END}|{words(BODY_END_MORE)}"), first_chars(words(ACTING))
    # or a specific set's opening word, where a set needs no acting verb after it
    junction = f"[{''.join(map(re.escape, sorted(ends)))}]{acts}|{words(SPECIFIC_SET)}" if ends and acts else None
    ahead = clause_ahead(subjects, junction, CLAUSE_MARKS)
    named = (
        *(
            (w, rows is AUTHOR, required_sets(w))
            for rows in (MEETING_BODY, AUTHOR, SET_UP, HANDED_TO)
            for w, origin in rows
            if kept(origin, skip)
        ),
        *(
            (p, False, ((key,), *required_sets(p)))
            for key, w, origin in SESSION_BODY
            if kept(origin, skip)
            for p in [w.replace(_NOT_START_SLOT, not_start)]
        ),
        *(
            (p, False, required_sets(p))
            for w, o in CO_ACTOR
            if kept(o, skip)
            for p in [rf"(?:{w})(?P<s>{item}(?:[、和及]{item})*?)(?={acting})"]
        ),
        *(
            (p, False, required_sets(p))
            for w, o in RESPONSIBLE_FIELD
            if kept(o, skip)
            for p in [rf"(?:{w})(?P<s>{item}(?:[、和及]{item})*?)(?=\n|$)"]
        ),
    )
    return _BodyCues(
        re.compile(ahead + subjects),
        re.compile(f"[{CLAUSE_MARKS}]{ahead}{subjects}"),
        re.compile(rf"{item}(?=[、和及]|$)"),
        None if junction is None else re.compile(junction),
        tuple((re.compile(w), titles, needs) for w, titles, needs in named),
        re.compile(words(NOT_BODY)),
    )


def responsible(text: str, start: int, skip: Skip = NO_SKIP, gated: Sequence[int] | None = None) -> list[Span]:
    """Bodies the measure ``text`` (at ``start`` in the source) shows acting: a clause's subject followed by an
    acting verb (each of a list of them: 区民宗局、市场监管局和各镇(街道)对…), the body behind a meeting it
    names, the author of a document it issues. In order of first mention, each once. ``gated`` is
    :func:`measure_gate` of the text, where the caller has it."""
    cues = _body_cues(skip)
    plain = _TITLE.sub(_blank, text) if "《" in text else text  # a title's words are not the measure's
    found: list[tuple[int, int]] = []
    subjects = cues.junction is None or cues.junction.search(plain)
    for m in (cues.opening.match(plain), *cues.clauses.finditer(plain)) if subjects else ():
        if m is None:
            continue
        s, e = m.span("s")
        if _LIST_MARK.search(plain, s, e):
            found += [n.span() for n in cues.listed.finditer(plain, s, e)]
        else:
            found.append((s, e))
    gate, at, _, status_at, _ = _measure_gate(skip, "《" in text)
    listed = gate(text) if gated is None else gated
    # the named-body rows whose words are in the text
    for i in listed[bisect_left(listed, at) : bisect_left(listed, status_at)]:
        pattern, titles, _ = cues.named[i - at]
        for m in pattern.finditer(text if titles else plain):
            s, e = m.span(m.lastgroup or 0)
            if m.lastgroup == "s" and _LIST_MARK.search(plain, s, e):  # a list of co-actors: each
                found += [n.span() for n in cues.listed.finditer(plain, s, e)]
            else:
                found.append((s, e))
    out: list[Span] = []
    seen: set[str] = set()
    for s, e in sorted(found):
        name = text[s:e]
        if name in seen or cues.not_body.search(name):
            continue
        seen.add(name)
        out.append(span(name, start + s, start + e))
    return out
