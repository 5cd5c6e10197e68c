//! Strings of the Perspectives view, the weights forms and the group profile.

crate::texts! {
    // Perspectives view
    view_perspectives: ["Perspectives", "观点"],
    intro: [
        "The {0} weight profiles side by side, each ranking the options with {1} ({2}): where they agree and where they part.",
        "{0} 个权重方案并列，各自用{1}（{2}）对方案排序：哪里一致，哪里分歧。",
    ],
    few_profiles: [
        "Perspectives compare two or more weight profiles; this scenario has {0}.",
        "观点视图比较两个或更多权重方案；本情景只有 {0} 个。",
    ],
    few_profiles_how: [
        "Add one with New profile in the weights panel, or bring delegations' weights in with File › Import weights.",
        "可在权重面板中用“新建方案”添加，或用“文件 › 导入权重”导入各代表团的权重。",
    ],
    top_k_label: ["Common ground: options in every profile's top", "共识：各权重方案都排在前"],
    top_k_after: ["places", "名的方案"],
    top_k_fewer: ["A smaller top", "减少名次"],
    top_k_more: ["A larger top", "增加名次"],
    common_ground_some: [
        "In the top {0} for every profile: {1}",
        "在每个权重方案的前 {0} 名中：{1}",
    ],
    common_ground_none: [
        "No option is in the top {0} for every profile.",
        "没有方案在每个权重方案的前 {0} 名中。",
    ],
    in_ground_hover: [
        "In the top {0} for every profile.",
        "在每个权重方案的前 {0} 名中。",
    ],
    ranks_heading: ["Ranks under each profile", "各权重方案下的名次"],
    ranks_note: [
        "1 is best. Similar profiles sit side by side. Click a heading to sort; hover a cell for the score.",
        "1 为最佳。相似的权重方案相邻排列。点击列标题排序；悬停单元格查看得分。",
    ],
    col_option: ["Option", "方案"],
    col_mean_rank: ["Mean rank", "平均名次"],
    sort_file_hover: ["Sort in the scenario's order", "按情景中的顺序排序"],
    sort_mean_hover: [
        "Sort by the mean of the profiles' ranks",
        "按各权重方案名次的平均值排序",
    ],
    sort_profile_hover: ["{0}: sort by this profile's ranking", "{0}：按此权重方案的排名排序"],
    cell_hover: [
        "{0} under {1}: rank {2} of {3}, score {4}",
        "{0}（{1}）：第 {2} 名（共 {3} 个），得分 {4}",
    ],
    tau_heading: [
        "How alike the rankings are (Kendall's τ-b)",
        "排名的相似程度（肯德尔 τ-b）",
    ],
    tau_note: [
        "+1: the same order; 0: unrelated; −1: reversed. Similar profiles are placed together; columns are numbered as the rows.",
        "+1：顺序相同；0：无关；−1：顺序相反。相似的权重方案放在一起；列号与行号对应。",
    ],
    tau_hover: ["{0} and {1}: τ-b = {2}", "{0} 与 {1}：τ-b = {2}"],
    tau_undefined: [
        "undefined (a profile ties every option)",
        "无定义（某方案的所有选项并列）",
    ],
    tau_legend_low: ["−1 reversed", "−1 相反"],
    tau_legend_high: ["+1 same order", "+1 相同"],
    weights_heading: ["Each profile's weights", "各权重方案的权重"],
    weights_note: [
        "Effective criterion weights in percent (family weight × weight within the family); the same criterion is at the same place in every bar.",
        "有效准则权重，以百分比表示（类别权重 × 类别内权重）；同一准则在每个条形中位置相同。",
    ],
    weight_hover: ["{0} — {1}: {2} %", "{0} — {1}：权重 {2}%"],
    concessions_heading: [
        "What it would take to change each profile's winner",
        "改变各权重方案首选需要多大让步",
    ],
    concessions_note: [
        "How far a profile's weights must move (the sum of the changes, in percentage points) for another option to draw level with its top option.",
        "权重方案的权重需要变动多少（各项变化之和，以百分点计），另一方案才能与其首选方案持平。",
    ],
    col_profile: ["Profile", "权重方案"],
    col_top: ["Its top option", "其首选"],
    col_rival: ["First to draw level", "最先持平的方案"],
    col_change: ["Weight to move", "需变动的权重"],
    change_pp: ["{0} pp", "{0} 个百分点"],
    already_tied: ["tied already", "已并列"],
    no_rival: ["no weights change it", "任何权重都无法改变"],
    no_rival_found: ["none found", "未找到"],
    exact: ["exact", "精确"],
    exact_hover: [
        "Under the weighted sum the smallest change is worked out exactly.",
        "在加权和法下，最小变动是精确算出的。",
    ],
    estimate: ["estimate", "估计"],
    estimate_hover: [
        "The method is not a weighted sum: the smallest change a bounded search found. The true one may be smaller.",
        "该方法不是加权和：这是有限搜索找到的最小变动，真实值可能更小。",
    ],
    estimate_partial: ["estimate, search cut short", "估计（搜索未完成）"],
    estimate_partial_hover: [
        "The search ran out of its budget before trying every rival: a smaller change may exist.",
        "搜索在尝试所有对手之前用完了预算：可能存在更小的变动。",
    ],
    group_open: ["Make group profile…", "生成小组权重方案…"],
    group_open_hover: [
        "Pool the profiles' weights into one new profile (mean, median or geometric mean), with how far apart they are.",
        "将各权重方案的权重汇总为一个新方案（平均值、中位数或几何平均），并显示其分歧程度。",
    ],
    group_title: ["Make a group profile", "生成小组权重方案"],
    group_intro: [
        "The chosen profiles' weights pooled into one new profile, each counting its vote weight. The profiles themselves stay as they are.",
        "将所选权重方案的权重汇总为一个新方案，每个方案按其投票权重计。原有方案保持不变。",
    ],
    group_profiles: ["Profiles to pool", "要汇总的权重方案"],
    group_rule: ["Rule", "规则"],
    group_rule_mean: ["mean", "平均值"],
    group_rule_median: ["median", "中位数"],
    group_rule_geometric: ["geometric mean of judgements", "判断的几何平均"],
    group_rule_mean_hover: [
        "The vote-weighted mean of each criterion's effective weight.",
        "各准则有效权重的投票加权平均值。",
    ],
    group_rule_median_hover: [
        "The vote-weighted median of each criterion's effective weight, rescaled to sum to 100 %: one outlying profile moves it little.",
        "各准则有效权重的投票加权中位数，再缩放至合计 100%：个别极端方案影响很小。",
    ],
    group_rule_geometric_hover: [
        "The geometric mean of the profiles' pairwise judgements (Aczél & Saaty), where every chosen profile judged the same weights pairwise.",
        "各权重方案两两比较判断的几何平均（Aczél 与 Saaty），要求所有所选方案都对同一组权重做过两两比较。",
    ],
    group_name: ["Name", "名称"],
    group_default_name: ["Group ({0})", "小组（{0}）"],
    group_add: ["Add group profile", "添加小组权重方案"],
    group_col_criterion: ["Criterion", "准则"],
    group_col_weight: ["Group weight", "小组权重"],
    group_col_min: ["Lowest", "最低"],
    group_col_max: ["Highest", "最高"],
    group_col_iqr: ["Interquartile range", "四分位距"],
}
