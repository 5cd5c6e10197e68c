//! Strings of the Perspectives view, the weights forms and the group profile.

texts! {
    view_perspectives: ["Perspectives", "观点"],
    // Weights forms: export, import, the summary of an import.
    menu_export_form: ["Export a weights form", "导出权重表"],
    menu_export_form_active: ["With the weights of “{0}”…", "填入“{0}”的权重…"],
    menu_export_form_empty: ["Empty, for a participant to fill in…", "空白表，供参与者填写…"],
    menu_export_form_hover: [
        "A small text file with the families and criteria, for a participant to give points by hand and send back",
        "一个列出准则族与准则的小文本文件，供参与者手工打分后交回",
    ],
    export_form_title: ["Export a weights form", "导出权重表"],
    form_filter: ["Weights form or scenario", "权重表或情景"],
    menu_import_weights: ["Import weights…", "导入权重…"],
    menu_import_weights_hover: [
        "Take participants' weights from filled-in weights forms or scenario files (several at once); one Undo takes the whole import back",
        "从填好的权重表或情景文件中读取参与者的权重（可一次多个）；撤销一次即可撤回整个导入",
    ],
    import_weights_title: ["Import weights", "导入权重"],
    summary_title: ["Weights imported", "权重导入结果"],
    summary_counts: [
        "Files read: {0}. Participants added: {1}, replaced: {2}. Problems: {3} (in {4} files).",
        "已读取文件：{0} 个。新增参与者：{1} 个，替换：{2} 个。问题：{3} 条（涉及 {4} 个文件）。",
    ],
    summary_added: ["Added", "新增"],
    summary_replaced: ["Replaced (same id)", "已替换（同一标识）"],
    summary_refused: ["Refused, with the reason", "被拒绝及原因"],
    summary_none_taken: [
        "Nothing was changed: no file held a profile that fits this scenario.",
        "未作任何更改：没有文件包含适合本情景的权重方案。",
    ],
    summary_undo_hint: ["Edit › Undo takes the whole import back.", "“编辑 › 撤销”可撤回整个导入。"],
    summary_from: ["from {0}", "来自 {0}"],
    summary_close: ["Close", "关闭"],
    edit_import_profiles: ["weights of {0} participants", "{0} 位参与者的权重"],
    status_imported: [
        "Weights imported: {0} participants; problems: {1}",
        "已导入权重：{0} 位参与者；问题：{1} 条",
    ],
    // The quick-entry table.
    menu_quick_entry: ["Quick entry of weights…", "快速录入权重…"],
    menu_quick_entry_hover: [
        "Type every participant's points in one table: one row per profile",
        "在一张表中录入每位参与者的分数：每个权重方案一行",
    ],
    quick_title: ["Quick entry of weights", "快速录入权重"],
    quick_intro: [
        "Points per family (any numbers of 0 or more; only their ratios count). Rows you do not change stay as they are.",
        "按准则族打分（0 或以上的任意数字，只有比例有意义）。未改动的行保持不变。",
    ],
    quick_intro_criteria: [
        "Points per criterion, over all criteria (any numbers of 0 or more; only their ratios count). Rows you do not change stay as they are.",
        "按每项准则打分，在所有准则之间比较（0 或以上的任意数字，只有比例有意义）。未改动的行保持不变。",
    ],
    quick_by_criterion: ["By criterion", "按准则"],
    quick_by_criterion_hover: [
        "Type points per criterion instead of per family",
        "改为按每项准则而非按准则族打分",
    ],
    quick_toggle_locked: [
        "Apply or discard the typed points first",
        "请先应用或放弃已录入的分数",
    ],
    quick_participant: ["Participant", "参与者"],
    quick_vote_weight: ["Vote weight", "表决权重"],
    quick_vote_weight_hover: [
        "How much the participant counts when profiles are pooled (above 0, at most 1 000 000)",
        "汇总各方案时该参与者所占的分量（大于 0，至多 1 000 000）",
    ],
    quick_add_row: ["Add a participant", "添加参与者"],
    quick_new_name: ["Name", "名称"],
    quick_apply: ["Apply", "应用"],
    quick_discard: ["Discard", "放弃"],
    quick_bad_cells: [
        "{0} cells cannot be read (in red; hover for why): nothing was applied.",
        "有 {0} 个单元格无法读取（红色，悬停查看原因）：未应用任何更改。",
    ],
    quick_nothing_changed: ["No row was changed.", "没有任何行被改动。"],
    quick_bad_number: ["not a number: type e.g. 40 or 12.5", "不是数字：请输入如 40 或 12.5"],
    quick_negative: ["points must be 0 or more", "分数须为 0 或以上"],
    quick_too_large: ["at most 1 000 000 000 points", "分数至多为 1 000 000 000"],
    quick_bad_vote: ["a vote weight is above 0 and at most 1 000 000", "表决权重须大于 0 且至多为 1 000 000"],
    quick_empty: ["type the points", "请输入分数"],
    quick_no_name: ["give the participant a name", "请填写参与者名称"],
    quick_all_zero: ["every point is 0: give at least one above 0", "所有分数均为 0：至少一项须大于 0"],
    quick_refused: ["Not applied: {0}", "未应用：{0}"],
}
