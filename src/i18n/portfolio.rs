//! Strings of the Portfolio view: the frontier, the budget, the best portfolio and its reasons,
//! must-in and must-out, the core index and each profile's choice.

texts! {
    view_portfolio: ["Portfolio", "方案组合"],
    sep: ["; ", "；"],
    intro_baseline: [
        "Which options to pursue with the budget: the set of greatest value whose cost fits. A portfolio's value is the sum of its members' scores above the baseline's ({2}), plus the effects of interactions between members ({0}, profile {1}).",
        "在预算之内应推进哪些方案：成本不超出预算、价值最大的方案组合。组合的价值是各成员高出基线（{2}）的评分之和，加上成员之间相互作用的效果（{0}，权重配置：{1}）。",
    ],
    intro_no_baseline: [
        "Which options to pursue with the budget: the set of greatest value whose cost fits. A portfolio's value is the sum of its members' scores, plus the effects of interactions between members ({0}, profile {1}).",
        "在预算之内应推进哪些方案：成本不超出预算、价值最大的方案组合。组合的价值是各成员的评分之和，加上成员之间相互作用的效果（{0}，权重配置：{1}）。",
    ],
    budget_label: ["Budget:", "预算："],
    budget_of_total: ["(every option together costs {0})", "（全部方案合计成本为 {0}）"],
    set_budget: ["Make {0} the scenario's budget", "将 {0} 设为情景的预算"],
    set_budget_hover: [
        "Saves this budget in the scenario (an undoable edit), so that the briefing and the command line use it too.",
        "将此预算保存到情景中（可撤销），简报和命令行也会使用它。",
    ],
    back_to_budget: ["Back to the scenario's budget ({0})", "回到情景的预算（{0}）"],
    frontier_name: ["Efficient portfolio", "有效组合"],
    axis_cost: ["Cost", "成本"],
    axis_value: ["Value above the baseline", "高出基线的价值"],
    point_hover: [
        "Cost {0}\nValue {1}\n{2} options",
        "成本 {0}\n价值 {1}\n{2} 个方案",
    ],
    no_frontier: ["The frontier is not drawn: {0}", "未绘制有效前沿：{0}"],
    click_hint: [
        "Each point is a portfolio no other beats on both value and cost; click one, or pick it below, to list its members.",
        "每个点都是一个在价值和成本上均不被其他组合超越的组合；点击某个点或在下方选择，即可列出其成员。",
    ],
    selected: [
        "cost {0}, value {1}, {2} options",
        "成本 {0}，价值 {1}，{2} 个方案",
    ],
    pick_point: ["Efficient portfolio:", "有效组合："],
    point_members: ["Members: {0}", "成员：{0}"],
    clear_selection: ["Clear the selection", "取消选择"],
    nothing: ["(no option)", "（没有方案）"],
    best_heading: ["Best portfolio for {0}", "{0} 预算下的最佳组合"],
    best_summary: [
        "{0} options, cost {1}, value {2}",
        "{0} 个方案，成本 {1}，价值 {2}",
    ],
    best_empty: [
        "No option is worth its cost within this budget: the best is to pursue none.",
        "在此预算内没有值得投入的方案：最佳选择是一个也不推进。",
    ],
    above_baseline: ["{0} above the baseline", "高出基线 {0}"],
    with_member: ["with {0} {1}", "与「{0}」{1}"],
    is_must_in: ["must be in", "必须纳入"],
    at_work: ["Interactions at work", "起作用的相互作用"],
    none_at_work: [
        "No interaction between members shapes this choice.",
        "成员之间没有影响此选择的相互作用。",
    ],
    effect_pair: ["{0} with {1}", "「{0}」与「{1}」"],
    excludes_at_work: [
        "{0} excludes {1}: it stays out",
        "「{0}」排斥「{1}」：后者不纳入",
    ],
    requires_in: [
        "{0} requires {1}: both are in",
        "「{0}」要求「{1}」：两者均纳入",
    ],
    requires_out: [
        "{0} requires {1}, which is out: so is {0}",
        "「{0}」要求「{1}」，后者未纳入：因此「{0}」也不纳入",
    ],
    left_out_heading: ["Left out, and why", "未纳入的方案及原因"],
    reasons_unknown: [
        "The reasons could not be worked out: a search stopped at its limit.",
        "无法得出原因：一次搜索达到了上限。",
    ],
    why_must_out: ["must stay out (your choice below)", "必须排除（见下方的选择）"],
    why_too_dear: [
        "costs {0} alone, more than the budget of {1}",
        "单独成本为 {0}，超出预算 {1}",
    ],
    why_excluded_by: ["excluded by the member {0}", "被成员「{0}」排斥"],
    why_requires_out: ["requires {0}, which is out", "要求「{0}」，而后者未纳入"],
    why_cluster_full: [
        "its group {0} already has its most members ({1})",
        "所属类别「{0}」已达成员上限（{1}）",
    ],
    why_unreachable: [
        "no portfolio holding it meets every constraint",
        "没有包含它的组合能满足全部约束",
    ],
    why_better_use: [
        "a better use of the budget: forced in, the best portfolio is worth {0} less ({1}, cost {2})",
        "预算有更好的用途：若强制纳入，最佳组合的价值减少 {0}（{1}，成本 {2}）",
    ],
    why_tie: [
        "an equally good portfolio holds it (value {0}); the cheaper one is shown",
        "另一个同样好的组合包含它（价值 {0}）；此处显示成本较低的组合",
    ],
    why_unknown: [
        "the search for a portfolio holding it stopped at its limit",
        "对包含它的组合的搜索达到了上限",
    ],
    choose_heading: ["Must be in, must stay out", "必须纳入与必须排除"],
    choose_note: [
        "Each choice is saved in the scenario (undo with Ctrl+Z), so the briefing and the command line give the same portfolio.",
        "每项选择都保存在情景中（可用 Ctrl+Z 撤销），简报和命令行会给出同样的组合。",
    ],
    choice_free: ["free", "自由"],
    choice_in: ["must be in", "必须纳入"],
    choice_out: ["must stay out", "必须排除"],
    baseline_note: [
        "the baseline: never a member, every value is measured from it",
        "基线：从不纳入组合，所有价值都以它为起点衡量",
    ],
    cost_is: ["cost {0}", "成本 {0}"],
    no_cost_short: ["no cost given", "未给出成本"],
    not_additive: [
        "{0} cannot choose a portfolio: its scores do not add up across options, so the value of a set of options means nothing.",
        "{0} 无法选择方案组合：其评分不能在方案之间相加，因此一组方案的价值没有意义。",
    ],
    not_additive_what: [
        "Switch to a method whose scores add up:",
        "请切换到评分可以相加的方法：",
    ],
    switch_to: ["Use {0}", "使用{0}"],
    no_cost: [
        "Portfolios need every option's cost, and some are missing.",
        "方案组合需要每个方案的成本，但有些方案缺少成本。",
    ],
    no_cost_list: ["Missing for: {0}", "缺少成本的方案：{0}"],
    no_cost_what: [
        "Give each a cost in its option editor (Edit › Options), or mark it below as must stay out.",
        "请在方案编辑器中为其填写成本（编辑 › 方案），或在下方将其设为必须排除。",
    ],
    no_resource: [
        "The second resource's use is missing for some options.",
        "有些方案缺少第二种资源的用量。",
    ],
    infeasible: [
        "No portfolio meets every constraint. These clash:",
        "没有组合能满足全部约束。以下约束相互冲突：",
    ],
    infeasible_not_smallest: [
        "(the search stopped before this list was made smallest)",
        "（搜索在列表缩到最小之前停止）",
    ],
    infeasible_what: [
        "Loosen one of them: set an option free below, raise the budget, or change the scenario's portfolio settings.",
        "请放宽其中一项：在下方将某个方案设为自由、提高预算，或修改情景的组合设置。",
    ],
    clash_budget: ["the budget of {0}", "预算 {0}"],
    clash_resource: ["the limit of {0} on {1}", "{1} 的上限 {0}"],
    clash_must_in: ["{0} must be in", "「{0}」必须纳入"],
    clash_must_out: ["{0} must stay out", "「{0}」必须排除"],
    clash_cluster_min: ["at least {0} from {1}", "「{1}」至少 {0} 个"],
    clash_cluster_max: ["at most {0} from {1}", "「{1}」至多 {0} 个"],
    clash_excludes: ["{0} excludes {1}", "「{0}」排斥「{1}」"],
    clash_requires: ["{0} requires {1}", "「{0}」要求「{1}」"],
    core_heading: ["How sure: the core index", "把握有多大：核心指数"],
    draws_label: ["Draws:", "抽样次数："],
    core_reset: ["As in the scenario", "恢复情景设置"],
    core_note: [
        "A simulation: in each of {0} draws (seed {1}) the weights are drawn ({2}) and the uncertain scores too, and the best portfolio for {3} is found. Each bar is the share of draws whose best portfolio holds the option.",
        "这是模拟：在 {0} 次抽样（种子 {1}）中，每次都抽取权重（{2}）和不确定的评分，并求出 {3} 预算下的最佳组合。每条横条表示最佳组合包含该方案的抽样比例。",
    ],
    class_core: ["core", "核心"],
    class_borderline: ["borderline", "边缘"],
    class_exterior: ["exterior", "外围"],
    class_core_hover: [
        "In the best portfolio of every draw.",
        "在每次抽样的最佳组合中。",
    ],
    class_borderline_hover: [
        "In the best portfolio of some draws, not all.",
        "在部分（而非全部）抽样的最佳组合中。",
    ],
    class_exterior_hover: [
        "In the best portfolio of no draw.",
        "不在任何一次抽样的最佳组合中。",
    ],
    core_hover: [
        "{0}: in the best portfolio of {1} of the draws",
        "「{0}」：在 {1} 的抽样的最佳组合中",
    ],
    profiles_heading: ["The portfolio each profile would choose", "各权重配置会选择的组合"],
    profiles_note: [
        "Each weight profile's best portfolio for {0}, side by side (● a member).",
        "各权重配置在 {0} 预算下的最佳组合并列比较（● 表示成员）。",
    ],
    profiles_total: ["cost / value", "成本 / 价值"],
    profile_total: ["{0} / {1}", "{0} / {1}"],
    profile_none: ["none", "无"],
}
