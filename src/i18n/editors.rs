//! Strings of the criterion, option, profile and scenario editors.

crate::texts! {
    edit_criterion: ["Edit criterion…", "编辑准则…"],

    // Option editor
    option_edit_menu: ["Edit option…", "编辑选项…"],
    option_double_click: ["Double-click to edit every field.", "双击可编辑所有字段。"],
    option_edit_button: ["Edit…", "编辑…"],
    option_edit_hover: ["Edit every field of this option", "编辑此选项的所有字段"],
    option_step: ["edit option {0}", "编辑选项“{0}”"],
    option_title: ["Edit option: {0}", "编辑选项：{0}"],
    option_id_is: ["Id {0} (stays the same)", "标识 {0}（保持不变）"],
    option_short_hint: ["optional, for chart axes", "可选，用于图表坐标轴"],
    option_where_from: ["Source, cluster and cost", "来源、类别与成本"],
    option_cite_document: [
        "Every option must cite the document it comes from.",
        "每个选项都必须注明其出处文件。"
    ],
    option_cost: ["Cost", "成本"],
    option_cost_hint: ["none", "无"],
    option_cost_negative: ["Cost {0} is negative; give 0 or more, or leave it empty.", "成本 {0} 为负数；请填写 0 或以上，或留空。"],
    option_tags: ["Tags", "标签"],
    option_no_tags: ["No tags yet.", "尚无标签。"],
    option_tag_remove: ["Remove tag {0}", "移除标签“{0}”"],
    option_new_tag: ["New tag", "新标签"],
    option_new_tag_hint: ["type a tag, then Enter", "输入标签后按回车"],
    option_add_tag: ["Add tag", "添加标签"],
    option_known_tags: ["Tags in use…", "已用标签…"],
    option_principles: ["Principles it serves", "所遵循的原则"],
    option_no_principles: ["The scenario declares no principles.", "本情景未声明任何原则。"],
    option_unknown_principle: ["{0} (not declared in this scenario)", "{0}（本情景中未声明）"],
    option_interactions: ["Interactions with other options", "与其他选项的相互作用"],
    option_interactions_note: [
        "When both are chosen, the effect is added to (synergy) or taken from (conflict) their combined score, on the 0–1 scale: small, e.g. 0.02–0.05.",
        "两者同时入选时，该效应会加到（协同）或减去（冲突）它们的综合得分（0–1 标度）上，数值宜小，如 0.02–0.05。"
    ],
    option_with: ["With", "对象"],
    option_with_n: ["Interaction {0}: with", "相互作用 {0}：对象"],
    option_choose: ["(choose an option)", "（请选择选项）"],
    option_kind: ["Kind", "类型"],
    option_kind_n: ["Interaction {0}: kind", "相互作用 {0}：类型"],
    option_synergy: ["Synergy", "协同"],
    option_conflict: ["Conflict", "冲突"],
    option_effect: ["Effect", "效应"],
    option_effect_n: ["Interaction {0}: effect", "相互作用 {0}：效应"],
    option_effect_negative: [
        "Give the size of the effect (0 or more); choose synergy or conflict for its direction.",
        "请填写效应大小（0 或以上）；用“协同”或“冲突”表示方向。"
    ],
    option_note: ["Note", "说明"],
    option_note_n: ["Interaction {0}: note", "相互作用 {0}：说明"],
    option_note_hint: ["why they interact", "为何相互作用"],
    option_interaction_choose: ["Choose the option it interacts with.", "请选择与之相互作用的选项。"],
    option_interaction_twice: [
        "This option is already listed above: give each pair one effect.",
        "此选项已在上方列出：每对选项只设一个效应。"
    ],
    option_interaction_remove: ["Remove this interaction", "移除此相互作用"],
    option_interaction_remove_n: ["Remove interaction {0}", "移除相互作用 {0}"],
    option_add_interaction: ["Add interaction", "添加相互作用"],
    option_declared_elsewhere: [
        "Declared on the other option (each pair is written once): {0}",
        "已在另一选项中声明（每对只写一次）：{0}"
    ],

    // Profile editor
    profile_edit_button: ["Edit profile…", "编辑配置…"],
    profile_edit_hover: [
        "Name, author, note, vote weight and weight ranges of this profile",
        "此配置的名称、作者、说明、投票权重和权重范围"
    ],
    profile_step: ["change profile {0}", "更改配置“{0}”"],
    profile_title: ["Edit profile: {0}", "编辑配置：{0}"],
    profile_id_is: ["Id {0} (stays the same)", "标识 {0}（保持不变）"],
    profile_word: ["profile", "配置"],
    profile_note: ["Note", "说明"],
    profile_author: ["Author", "作者"],
    profile_author_hint: ["who holds this view", "持此观点者"],
    profile_vote_weight: ["Vote weight", "投票权重"],
    profile_vote_weight_hint: [
        "how much this profile counts when profiles are pooled; 1 is one voice",
        "汇总各配置时此配置所占分量；1 即一票"
    ],
    profile_vote_weight_bounds: [
        "Vote weight {0} is outside the allowed range: above 0 and at most {1}.",
        "投票权重 {0} 超出允许范围：须大于 0 且不超过 {1}。"
    ],
    profile_ranges: ["Weight ranges", "权重范围"],
    profile_ranges_note: [
        "The plausible low and high of a criterion's weight, in this profile's own units (as the current weight beside it), for the uncertainty analysis.",
        "准则权重的合理下限与上限，采用此配置自身的单位（与旁边的当前权重相同），用于不确定性分析。"
    ],
    profile_criterion: ["Criterion", "准则"],
    profile_criterion_n: ["Range {0}: criterion", "范围 {0}：准则"],
    profile_current: ["Current (in family)", "当前（族内）"],
    profile_low: ["Low", "下限"],
    profile_high: ["High", "上限"],
    profile_low_of: ["Low of {0}", "{0} 的下限"],
    profile_high_of: ["High of {0}", "{0} 的上限"],
    profile_range_negative: ["Weight {0} is negative; weights are 0 or more.", "权重 {0} 为负数；权重须为 0 或以上。"],
    profile_range_inverted: ["Low {0} is above high {1}.", "下限 {0} 高于上限 {1}。"],
    profile_range_remove: ["Remove this range", "移除此范围"],
    profile_range_remove_of: ["Remove the range of {0}", "移除 {0} 的范围"],
    profile_add_range: ["Add range", "添加范围"],

    // Cell editor
    cell_interval: ["On the scale", "在标度上"],
    cell_interval_name: [
        "On the scale {0} to {1}: {2}",
        "在标度 {0} 至 {1} 上：{2}"
    ],
    cell_interval_value: ["value {0}", "取值 {0}"],
    cell_interval_range: ["range {0} to {1}", "范围 {0} 至 {1}"],
    cell_interval_likely: ["most likely {0}", "最可能 {0}"],
}
