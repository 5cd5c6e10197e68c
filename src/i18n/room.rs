//! Strings of the room in the window: the Room menu, the dialog that opens a session, the
//! session panel, the join card shown to the room, and the marks of profiles from the room.

texts! {
    menu_room: ["Room", "会场"],
    menu_open_session: ["Open a session…", "开启会话…"],
    menu_open_session_hover: [
        "Delegations set their weights from their phones on the room's network: Tideline serves the page itself, with no internet.",
        "各代表团在会场网络上用手机设置权重：由 Tideline 自己提供网页，无需互联网。",
    ],
    menu_panel: ["Session panel", "会话面板"],
    // The dialog that starts a session.
    start_title: ["Open a room session", "开启会场会话"],
    start_intro: [
        "Participants join from phones on the same network as this computer, with the address and the PIN shown. Nothing goes through the internet.",
        "参与者用与本机同一网络的手机，通过显示的网址和 PIN 码加入。数据不经过互联网。",
    ],
    start_port: ["Port:", "端口："],
    start_port_auto: ["Automatic (a free port)", "自动（空闲端口）"],
    start_port_number: ["This port:", "指定端口："],
    start_bind: ["Listen on:", "监听："],
    start_bind_all: [
        "Every network of this computer (the room's Wi-Fi)",
        "本机的所有网络（会场 Wi-Fi）",
    ],
    start_bind_loopback: ["This computer only (to try it out)", "仅本机（用于试用）"],
    start_bind_address: ["This address:", "指定地址："],
    start_firewall: [
        "A firewall may need the port opened.",
        "防火墙可能需要开放此端口。",
    ],
    start_button: ["Start", "开始"],
    start_bad_port: [
        "The port is a whole number from 1 to 65535.",
        "端口须为 1 到 65535 之间的整数。",
    ],
    start_bad_address: ["Not an IP address: {0}", "不是 IP 地址：{0}"],
    start_port_in_use: [
        "port {0} is already in use by another program: choose another, or Automatic",
        "端口 {0} 已被其他程序占用：请另选端口，或选自动",
    ],
    start_port_denied: [
        "port {0} needs administrator rights: choose one above 1023, or Automatic",
        "端口 {0} 需要管理员权限：请选 1023 以上的端口，或选自动",
    ],
    start_no_address: [
        "this computer has no address {0}",
        "本机没有地址 {0}",
    ],
    start_failed: [
        "The session could not start: {0}. Nothing else changed.",
        "会话未能开启：{0}。其他一切未变。",
    ],
    // The session panel and the join card.
    panel_heading: ["Room session", "会场会话"],
    join_heading: [
        "Set your weights from your phone",
        "用手机设置您的权重",
    ],
    join_how: [
        "On the room's Wi-Fi, scan the code or open the address, then enter the PIN.",
        "连接会场 Wi-Fi，扫描二维码或打开网址，然后输入 PIN 码。",
    ],
    join_address: ["Address", "网址"],
    join_pin: ["PIN", "PIN 码"],
    qr_label: ["QR code of {0}", "{0} 的二维码"],
    counts: ["{0} joined · {1} submitted", "已加入 {0} · 已提交 {1}"],
    state_open: ["Submissions are open", "正在接受提交"],
    state_closed: ["Submissions are closed", "已停止接受提交"],
    state_revealed: [
        "The phones show the group result",
        "手机上正在显示小组结果",
    ],
    close_submissions: ["Close submissions", "停止提交"],
    close_submissions_hover: [
        "Phones can still join and see the status, but no longer submit.",
        "手机仍可加入并查看状态，但不能再提交。",
    ],
    reopen: ["Reopen submissions", "重新开放提交"],
    reveal: ["Reveal the group result", "公布小组结果"],
    reveal_hover: [
        "The phones show the ranking under the mean of the room's profiles, by the current method, and the group's weights.",
        "手机将显示按当前方法、以会场各权重配置的平均值得出的排名，以及小组的权重。",
    ],
    hide: ["Hide the group result", "隐藏小组结果"],
    show_to_room: ["Show to the room", "向全场展示"],
    show_to_room_hover: [
        "The address, the QR code and the PIN fill the window, large enough for a projector (F5 for projection mode).",
        "网址、二维码和 PIN 码占满窗口，大到足以投影（F5 进入投影模式）。",
    ],
    back_to_view: ["Back to the view", "返回视图"],
    close_session: ["Close the session", "关闭会话"],
    close_session_hover: [
        "Stops listening: phones can no longer reach Tideline. The profiles stay.",
        "停止监听：手机将无法再连接 Tideline。权重配置保留。",
    ],
    submitted_heading: ["Submitted", "已提交"],
    waiting_heading: ["Joined, not yet submitted", "已加入，尚未提交"],
    none_yet: ["No one has joined yet.", "尚无人加入。"],
    revision: ["revision {0}", "第 {0} 版"],
    top_criteria: ["Heaviest criteria: {0}", "权重最大的准则：{0}"],
    not_in_scenario: [
        "Its profile is no longer in the scenario (undone or deleted).",
        "其权重配置已不在情景中（已撤销或删除）。",
    ],
    remove: ["Remove", "移除"],
    remove_hover: [
        "Forgets this submission on the server and deletes its profile (one step to undo); the phone may join again.",
        "在服务器上删除此提交并删除其权重配置（可一步撤销）；该手机可重新加入。",
    ],
    // Marks and messages elsewhere in the window.
    from_room: ["from the room, {0}", "来自会场，{0}"],
    time_utc: ["{0} UTC", "{0}（UTC）"],
    step_submission: ["weights from the room: {0}", "来自会场的权重：{0}"],
    status_opened: ["The session is open at {0}", "会话已开启：{0}"],
    status_closed: [
        "The session is closed; the profiles stay.",
        "会话已关闭；权重配置保留。",
    ],
    status_closed_by_document: [
        "The room's session was closed: another scenario replaced this one.",
        "会场会话已关闭：另一个情景替换了当前情景。",
    ],
    reveal_failed: ["No group result: {0}", "无法得出小组结果：{0}"],
}
