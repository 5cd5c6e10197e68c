//! Strings of the Compare view's option picker, used instead of a check box per option when a
//! scenario has too many options for a strip of check boxes.

texts! {
    picker_add: ["Add an option…", "添加方案…"],
    picker_add_hover: [
        "Choose an option to compare: type part of its label or name to narrow the list.",
        "选择一个要比较的方案：输入其简称或名称的一部分以缩小列表。",
    ],
    picker_search_hint: ["Type part of a label or name", "输入简称或名称的一部分"],
    picker_matches: ["{0} of {1} options match", "{1} 个方案中有 {0} 个匹配"],
    picker_none: ["No option matches.", "没有匹配的方案。"],
    picker_full: [
        "{0} options chosen: remove one to add another.",
        "已选择 {0} 个方案：请先移除一个再添加。",
    ],
    picker_remove: ["Remove {0}", "移除 {0}"],
    picker_remove_hover: [
        "Take {0} out of the comparison",
        "将 {0} 移出比较",
    ],
}
