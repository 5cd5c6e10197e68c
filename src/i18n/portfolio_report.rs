//! Strings of the briefing's portfolio section (`report/layout/portfolio.rs` and its chart).
//! The briefing picks the language from its request, not from the window's thread.

texts! {
    heading: ["Portfolios: which options to pursue together", "组合：哪些方案一起推行"],
    intro: [
        "A portfolio is a set of options pursued together. Its value is the sum of its members' scores under {0} above {1}, plus the effect of every interaction between two members; its cost is the sum of their costs. The best portfolio is found exactly (branch and bound), within the budget and the scenario's constraints.",
        "组合是一起推行的一组方案。其价值是各成员在 {0} 下高出 {1} 的得分之和，再加上两两成员之间每一项相互作用的效果；其成本是各成员成本之和。最佳组合在预算和情景约束之内精确求得（分支定界）。",
    ],
    above_baseline: ["the baseline “{0}”", "基准方案“{0}”"],
    above_zero: ["0 (the scenario names no baseline)", "0（情景未指定基准方案）"],
    cannot: ["No portfolio can be given: {0}.", "无法给出组合：{0}。"],
    chart_caption: [
        "Efficient portfolios, value against cost: each point is a portfolio that no other beats on both value and cost. The filled point is the best portfolio at the budget; the dashed line marks the budget of {0}.",
        "有效组合的价值与成本：每个点是一个在价值和成本上都不被其他组合超越的组合。实心点是预算内的最佳组合；虚线标出预算 {0}。",
    ],
    chart_caption_no_budget: [
        "Efficient portfolios, value against cost: each point is a portfolio that no other beats on both value and cost. The scenario sets no budget; the filled point is the best portfolio without one.",
        "有效组合的价值与成本：每个点是一个在价值和成本上都不被其他组合超越的组合。情景未设预算；实心点是不设预算时的最佳组合。",
    ],
    axis_cost: ["Cost ({0})", "成本（{0}）"],
    axis_cost_plain: ["Cost", "成本"],
    axis_value: ["Value", "价值"],
    budget_mark: ["budget", "预算"],
    frontier_caption: [
        "Efficient frontier, cheapest first",
        "有效前沿（由低成本到高成本）",
    ],
    frontier_long: [
        "The frontier has {0} portfolios, too many to list here; “tideline portfolio --frontier” lists them all.",
        "有效前沿有 {0} 个组合，此处无法一一列出；“tideline portfolio --frontier”会全部列出。",
    ],
    frontier_not_shown: ["The frontier is not shown: {0}.", "未列出有效前沿：{0}。"],
    cost: ["Cost", "成本"],
    value: ["Value", "价值"],
    options: ["Options", "方案"],
    option: ["Option", "方案"],
    best_heading: ["The best portfolio at the budget", "预算内的最佳组合"],
    best_line: [
        "{0} options, costing {1} of the budget of {2}, with a value of {3}.",
        "{0} 个方案，成本 {1}（预算 {2}），价值 {3}。",
    ],
    best_line_no_budget: [
        "The scenario sets no budget: the best portfolio has {0} options, costing {1}, with a value of {2}.",
        "情景未设预算：最佳组合有 {0} 个方案，成本 {1}，价值 {2}。",
    ],
    best_empty: [
        "The best portfolio is empty: within the budget and constraints, no set of options adds value.",
        "最佳组合为空：在预算和约束之内，没有任何方案组合能增加价值。",
    ],
    best_caption: ["Members of the best portfolio", "最佳组合的成员"],
    own_value: ["Own value", "自身价值"],
    interactions_sum: [
        "Interactions between members add {0} to the members' own values ({1}).",
        "成员之间的相互作用在成员自身价值（{1}）之上增加 {0}。",
    ],
    at_work: ["Interactions at work:", "起作用的相互作用："],
    at_work_none: [
        "No interaction between members is at work.",
        "成员之间没有起作用的相互作用。",
    ],
    effect: ["{0} with {1}: effect {2}", "{0} 与 {1}：效果 {2}"],
    requires: ["{0} requires {1}", "{0} 需要 {1}"],
    excludes: ["{0} keeps {1} out", "{0} 排除 {1}"],
    core_heading: ["How robust is the best portfolio?", "最佳组合有多稳健？"],
    core_intro: [
        "A simulation, not an exact result: in each of {0} draws (seed {1}) the weights are drawn ({2}) and each uncertain score within its range, and the best portfolio at the budget is found exactly for that draw. The core index is the share of draws in which an option belongs to the best portfolio: core in every draw, exterior in none, borderline in between.",
        "这是模拟，而非精确结果：在 {0} 次抽样（种子 {1}）中，每次抽取权重（{2}），并在范围内抽取每个不确定的评分，再为该次抽样精确求出预算内的最佳组合。核心指数是某方案属于最佳组合的抽样比例：每次都属于为核心，从不属于为外围，其间为边缘。",
    ],
    core_capped: [
        "The scenario asks for {0} draws; the briefing takes {1} to stay quick.",
        "情景要求 {0} 次抽样；为保持快速，简报取 {1} 次。",
    ],
    core_caption: [
        "Share of draws in which each option is in the best portfolio",
        "各方案属于最佳组合的抽样比例",
    ],
    core_share: ["In the best portfolio (% of draws)", "属于最佳组合（抽样 %）"],
    core_class: ["Class", "类别"],
    class_core: ["core", "核心"],
    class_borderline: ["borderline", "边缘"],
    class_exterior: ["exterior", "外围"],
    core_not_run: ["Not simulated: {0}.", "未模拟：{0}。"],
    weights_ranges: [
        "within the weight ranges of the profile “{0}”",
        "在权重配置“{0}”的权重范围之内",
    ],
    weights_ordinal: [
        "any weights in the order of the profile “{0}”",
        "符合权重配置“{0}”次序的任意权重",
    ],
    weights_exact: ["the weights of the profile “{0}”", "权重配置“{0}”的权重"],
    weights_none: ["any weights at all", "任意权重"],
    weights_profiles: [
        "each time one profile's weights, by vote weight",
        "每次取一个权重配置的权重（按表决权重抽取）",
    ],
    weights_blend: ["any blend of the profiles' weights", "各权重配置权重的任意混合"],
    reproduce: ["To reproduce these figures:", "重现这些数字："],
    profiles_heading: ["Each profile's choice", "各权重配置的选择"],
    profiles_intro: [
        "The best portfolio at the same budget under each weight profile, with the same method and constraints.",
        "在同一预算、同一方法和约束下，各权重配置的最佳组合。",
    ],
    profiles_caption: [
        "The best portfolio under each profile",
        "各权重配置下的最佳组合",
    ],
    profile: ["Profile", "权重配置"],
    in_use: ["{0} (in use)", "{0}（使用中）"],
    none: ["none", "无"],
    chart_name: ["Frontier chart", "有效前沿图"],
}
