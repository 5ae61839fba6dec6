"""Service-standard audit checklists seeded from the manuals (000 ch.6/10, 002 ch.1–5, 003),
in English and Chinese: (name, name_zh, pass mark, sections); a section is (title, title_zh,
items); an item is (text, text_zh, standard, standard_zh, answer type, weight, critical)."""

PF, SC, PH = "pass_fail", "score", "photo"

STANDARD_TEMPLATES = [
    ("Appearance and grooming", "仪容仪表", 85, [
        ("Uniform and badge", "制服与工牌", [
            ("Uniform clean, pressed and complete", "制服整洁、熨烫平整、穿着完整", "Uniform of the brand, clean, without damage or stains (002 §1.1).",
             "穿着统一、整洁的制服，无破损、无污渍（002 §1.1）。", PF, 2, False),
            ("Name badge worn on the left chest", "左胸佩戴工牌", "Badge visible and straight.", "工牌清晰可见、端正。", PF, 1, False),
        ]),
        ("Personal grooming", "个人仪容", [
            ("Hair tidy, no unusual hairstyle or make-up", "头发整齐，无怪异发型和妆容", "Hair combed and tied back where long; light make-up.",
             "头发梳理整齐，长发束起；淡妆上岗。", PF, 1, False),
            ("Hands and nails clean and trimmed", "手部及指甲清洁、修剪", "Nails short, no bright polish.", "指甲短而干净，不涂艳色指甲油。", PF, 1, False),
            ("No body or breath odour", "无体味、口腔异味", "Good personal hygiene (001 工作规范).", "保持良好的个人卫生习惯，不得有异味。", PF, 1, False),
        ]),
    ]),
    ("Telephone etiquette", "电话礼仪", 85, [
        ("Answering", "接听", [
            ("Answered within three rings", "三声铃响内接听", "The call is picked up by the third ring.", "电话铃响三声内接听。", PF, 2, False),
            ("Greeting with hotel name, own name and offer of help", "问候语报酒店名、本人姓名并询问需求", "“Good morning, <hotel>, <name> speaking, how may I help you?”",
             "“您好，××酒店，我是××，请问有什么可以帮您？”", PF, 2, False),
            ("Tone, pace and polite words", "语气、语速与礼貌用语", "Friendly tone, moderate pace, polite expressions (000 §3.1(4)).",
             "语气亲切、语速适中、使用礼貌用语（000 §3.1(4)）。", SC, 2, False),
        ]),
        ("Handling the request", "处理来电", [
            ("Request repeated back and confirmed", "复述并确认客人需求", "Details (name, room, time) read back to the caller.", "向来电者复述姓名、房号、时间等信息。", PF, 1, False),
            ("Caller thanked; guest hangs up first", "致谢来电，待客人先挂机", "", "", PF, 1, False),
        ]),
    ]),
    ("Check-in and check-out", "入住与退房流程", 85, [
        ("Check-in", "入住", [
            ("Guest greeted within 30 seconds with eye contact and a smile", "30秒内目光接触、微笑问候客人", "", "", PF, 2, False),
            ("Identity document checked and registered", "核验并登记有效身份证件", "Every guest's ID is checked and registered as required by law.",
             "按规定核验并登记每位客人的有效身份证件。", PF, 3, True),
            ("Room type, rate and departure date confirmed", "确认房型、房价和离店日期", "", "", PF, 1, False),
            ("Check-in completed within 5 minutes", "5分钟内完成入住手续", "", "", PF, 1, False),
            ("Hotel facilities and breakfast explained", "介绍酒店设施和早餐", "", "", SC, 1, False),
        ]),
        ("Check-out", "退房", [
            ("Bill explained item by item and settled correctly", "逐项说明账单并准确结账", "", "", PF, 2, False),
            ("Stay experience asked and guest invited back", "询问入住体验并邀请再次光临", "Thank the guest and invite them to come again (001 客户接待流程 4).",
             "礼貌相送，感谢客户来访，并邀请客户再次光临。", PF, 1, False),
        ]),
    ]),
    ("Room readiness", "客房准备", 90, [
        ("Room", "房间", [
            ("Bed made to standard, linen clean and without hair", "床铺符合标准，布草洁净无毛发", "", "", PF, 2, True),
            ("Bathroom clean and dry, amenities complete", "卫生间干净干燥，客用品齐全", "", "", PF, 2, False),
            ("Air-conditioning, lights and TV working", "空调、灯具、电视工作正常", "", "", PF, 1, False),
            ("Room photo at handover", "交房照片", "A photo of the room as handed over.", "拍摄交房时的房间照片。", PH, 0, False),
        ]),
    ]),
    ("Butler service", "管家服务", 85, [
        ("Service", "服务", [
            ("Guest's needs asked and noted on arrival", "客人到达时主动询问并记录需求", "Butler reception procedure (001 客户接待流程).",
             "热情迎接客户，主动询问客户需求（001 客户接待流程）。", PF, 2, False),
            ("Requests coordinated and followed up to completion", "协调并跟进客人需求直至完成", "", "", SC, 2, False),
            ("Guest informed of progress and outcome", "向客人反馈处理进度和结果", "", "", PF, 1, False),
            ("Guest information recorded accurately", "准确记录客人信息", "Guest information accurate and complete (001 信息管理).", "确保客户信息的准确性和完整性。", PF, 1, False),
        ]),
    ]),
    ("Business reception", "商务接待", 85, [
        ("Preparation", "接待前准备", [
            ("Reception plan with roles, timings and contacts", "接待方案明确分工、时间和联系人", "003 ch.1: staff roles and responsibilities set before the visit.",
             "003 第1章：接待前明确人员分工与职责。", PF, 2, False),
            ("Meeting room, equipment and refreshments checked", "检查会议室、设备和茶点", "", "", PF, 1, False),
        ]),
        ("During the visit", "接待过程", [
            ("Guests met and guided on time", "准时迎接并引导客人", "", "", PF, 2, False),
            ("Confidential information protected", "保护客户机密信息", "003 §8.4: service information kept confidential.", "003 §8.4：服务信息的保密与安全。", PF, 2, True),
            ("Feedback collected after the visit", "接待后收集客户反馈", "003 §7.2: satisfaction survey or phone follow-up.", "003 §7.2：通过问卷或电话回访收集反馈。", PF, 1, False),
        ]),
    ]),
    ("Complaint-handling conduct", "投诉处理行为规范", 85, [
        ("Conduct", "处理行为", [
            ("Stayed calm and listened without interrupting", "保持冷静，耐心倾听不打断", "002 §2.4.2: stay calm and listen patiently.", "002 §2.4.2：保持冷静，耐心倾听顾客诉求。", PF, 2, False),
            ("Apologised and calmed the guest at once", "立即致歉并安抚客人情绪", "001 客户投诉处理流程 1.", "接到投诉后立即向客户表示歉意，安抚客户情绪。", PF, 2, False),
            ("Complaint recorded in the system", "在系统中记录投诉", "002 §2.4.2: record the complaint and report it.", "记录投诉内容，向管理层报告。", PF, 2, True),
            ("Solution agreed with the guest", "与客人确认解决方案", "", "", SC, 1, False),
            ("No argument or blame towards the guest", "不与客人争辩、不推诿", "", "不得与客户发生冲突，不得推诿。", PF, 2, True),
        ]),
    ]),
]
