//! Strings about the document's file changed on disk by another program: the question when
//! the window notices it, and the one when a save would write over it.

texts! {
    changed_heading: ["Changed on disk", "磁盘上的文件已更改"],
    changed_body: [
        "{0} was changed by another program since it was opened or saved here. Reload it?",
        "自从在此打开或保存以来，{0} 已被其他程序更改。要重新加载吗？",
    ],
    changed_unsaved: [
        "You have unsaved changes: you will be asked about them before anything is replaced.",
        "您有未保存的更改：在替换任何内容之前会先询问您。",
    ],
    reload: ["Reload", "重新加载"],
    keep_mine: ["Keep mine", "保留我的版本"],
    conflict_heading: [
        "Save over another program's changes?",
        "要覆盖其他程序的更改吗？",
    ],
    conflict_body: [
        "{0} was changed by another program since it was opened or saved here. Saving now would replace those changes.",
        "自从在此打开或保存以来，{0} 已被其他程序更改。现在保存将替换这些更改。",
    ],
    conflict_nothing_written: ["Nothing has been written yet.", "尚未写入任何内容。"],
    overwrite: ["Overwrite", "覆盖"],
    discard_and_reload: ["Discard mine and reload", "放弃我的更改并重新加载"],
    status_not_saved: [
        "Not saved: {0} was changed on disk by another program.",
        "未保存：{0} 已被其他程序在磁盘上更改。",
    ],
}
