//! Strings of the Robustness view added since the main catalogue filled up: the weight
//! information pooled from every profile, the "robust across the room" marker, and the note
//! of a sweep chart that draws only some of many options.

texts! {
    weights_profiles: [
        "each time one profile's weights, by vote weight",
        "每次取一个权重配置的权重（按表决权重抽取）",
    ],
    weights_blend: [
        "any blend of the profiles' weights",
        "各权重配置权重的任意混合",
    ],
    room_label: ["Robust across the room:", "全场稳健："],
    room_places: ["in the top", "排名前"],
    room_share: ["in at least this share of draws", "所占抽样比例至少为"],
    room_marked: [
        "Marked: options in the top {0} in at least {1} % of draws, each draw one profile's weights.",
        "已标记：在至少 {1} % 的抽样中排在前 {0} 名的方案（每次抽样取一个权重配置的权重）。",
    ],
    room_none: [
        "No option is in the top {0} in at least {1} % of draws.",
        "没有方案在至少 {1} % 的抽样中排在前 {0} 名。",
    ],
    room_hover: [
        "Robust across the room: in the top {0} in {2} % of draws (at least {1} % asked). Each draw takes one profile's weights, chosen in proportion to its vote weight, and draws the uncertain scores: this option does well whoever's weights count.",
        "全场稳健：在 {2} % 的抽样中排在前 {0} 名（要求至少 {1} %）。每次抽样按表决权重选取一个权重配置的权重，并抽取不确定的评分：无论采用哪一方的权重，此方案都表现良好。",
    ],
    sweep_some: [
        "The chart draws {0} of the {1} options: the {2} best at the current weight and every option ranked first somewhere along the sweep. The reversals below count them all.",
        "图中绘出 {1} 个方案中的 {0} 个：当前权重下最好的 {2} 个，以及在扫描范围内任一处排名第一的方案。下方的排序反转计入全部方案。",
    ],
}
