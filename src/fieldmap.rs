//! Field maps: how a portal form's fields map to report paths, for
//! `attach()`. Pure data and rules, no browser: the DOM layer
//! (`bindings/wasm/src/dom.rs`) applies them.
//!
//! A portal either writes its own map or names a **preset**: the naming a
//! vendor's 绩效 module uses (`fieldmaps/*.json`), extended by the portal's
//! own fields. Such modules, and many provincial tables, split a target over
//! three fields — comparator (计算符号), value (指标值) and unit (计量单位) —
//! so a row field may map to one **part** of a line's target or actual:
//! `"computesign": "target.comparator"`, `"indexval": "target.value"`,
//! `"meterunit": "target.unit"`. The report then holds the three texts
//! joined exactly as typed (`≥` + `95` + `%` → `≥95%`; 定性 → the value
//! alone), so nothing typed is lost or changed.

use indexmap::IndexMap;
use serde::Deserialize;

/// How portal fields map to report paths.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct FieldMap {
    /// A preset this map extends: its fields and computed fields, with this
    /// map's taking precedence; its rows, each extended by this map's row at
    /// the same place (further rows of this map are added).
    pub preset: Option<String>,
    /// Portal field name → report path ("txtXmmc" → "/basic/projectName"),
    /// or a funds cell by the labels of its row and column ("县市区财政/执行数",
    /// see `bind_labels`).
    pub fields: IndexMap<String, String>,
    /// Portal field name → computed path, written back read-only.
    pub computed: IndexMap<String, String>,
    /// Repeated rows of indicator lines.
    pub rows: Vec<RowMap>,
    /// Also bind every field whose `name` is itself a report path
    /// ("/funds/rows/total/budget"; "/computed/…" ones are written back).
    /// The form then owns the lists too: expense lines, breakdown items and
    /// per-capita levels are exactly those it shows.
    pub path_names: bool,
}

/// A repeated row of 三级 indicator lines in the portal's table. Unset
/// options take their defaults (`closest`, `id_attr`, `parent_attr`); a map
/// extending a preset merges its rows into the preset's, row by row.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RowMap {
    /// CSS selector of each row element, within the form.
    pub row: Option<String>,
    /// Instead of `row`: each row is the `closest` ancestor of a field with
    /// this name (for modules whose rows carry no class, only named fields
    /// such as `kpiList[3].indexval`).
    pub row_of: Option<String>,
    /// The ancestor `row_of` looks for (a CSS selector; default `tr`).
    pub closest: Option<String>,
    /// Attribute holding the line id (default `data-line-id`; else "row-N"
    /// by position).
    pub id_attr: Option<String>,
    /// Attribute holding the pack node the line sits under (default
    /// `data-parent`).
    pub parent_attr: Option<String>,
    /// Instead of `parent_attr`: a field in the row holding the node's id or
    /// its name as the pack gives it (二级指标, e.g. 数量指标).
    pub parent_field: Option<String>,
    /// Field name inside the row → line field (name, weight, target, actual,
    /// completionRate, score, reason), or a part of the target or actual
    /// (`target.comparator`, `target.value`, `target.unit`, `actual.value`,
    /// `actual.unit`).
    pub fields: IndexMap<String, String>,
    /// Field name inside the row → computed line value (completionRate, score, tier).
    pub computed: IndexMap<String, String>,
}

impl RowMap {
    pub fn closest(&self) -> &str {
        self.closest.as_deref().unwrap_or("tr")
    }
    pub fn id_attr(&self) -> &str {
        self.id_attr.as_deref().unwrap_or("data-line-id")
    }
    pub fn parent_attr(&self) -> &str {
        self.parent_attr.as_deref().unwrap_or("data-parent")
    }

    /// This row extended by `other`: its fields added, its options set.
    fn extended(mut self, other: RowMap) -> RowMap {
        self.fields.extend(other.fields);
        self.computed.extend(other.computed);
        if other.row.is_some() || other.row_of.is_some() {
            self.row = other.row;
            self.row_of = other.row_of;
        }
        self.closest = other.closest.or(self.closest);
        self.id_attr = other.id_attr.or(self.id_attr);
        self.parent_attr = other.parent_attr.or(self.parent_attr);
        self.parent_field = other.parent_field.or(self.parent_field);
        self
    }
}

/// One of the fields a target or actual is split over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Comparator,
    Value,
    Unit,
}

const LINE_FIELDS: [&str; 7] = [
    "name",
    "weight",
    "target",
    "actual",
    "completionRate",
    "score",
    "reason",
];
const COMPUTED_LINE: [&str; 3] = ["completionRate", "score", "tier"];

/// The built-in presets: name → JSON (in `fieldmaps/`).
const PRESETS: [(&str, &str); 1] = [("vendor-kpi", include_str!("../fieldmaps/vendor-kpi.json"))];

/// The names of the built-in presets.
pub fn preset_names() -> impl Iterator<Item = &'static str> {
    PRESETS.iter().map(|(n, _)| *n)
}

/// A built-in preset by name.
pub fn preset(name: &str) -> Option<FieldMap> {
    let (_, text) = PRESETS.iter().find(|(n, _)| *n == name)?;
    serde_json::from_str(text).ok()
}

/// A row field's target: the line field and, when split, which part.
pub fn row_field(spec: &str) -> Result<(&str, Option<Part>), String> {
    let (field, part) = match spec.split_once('.') {
        None => (spec, None),
        Some((f, p)) => {
            let part = match (f, p) {
                ("target", "comparator") => Part::Comparator,
                ("target" | "actual", "value") => Part::Value,
                ("target" | "actual", "unit") => Part::Unit,
                _ => return Err(format!("字段映射中的“{spec}”无效：只有 target 可分为 comparator/value/unit，actual 可分为 value/unit")),
            };
            (f, Some(part))
        }
    };
    if !LINE_FIELDS.contains(&field) {
        return Err(format!(
            "字段映射中的“{spec}”无效：指标行字段只能是 {}",
            LINE_FIELDS.join("、")
        ));
    }
    Ok((field, part))
}

impl FieldMap {
    /// The map to apply: its preset (if it names one) extended by itself,
    /// every row field checked. Errors are zh-CN sentences.
    pub fn resolve(self) -> Result<FieldMap, String> {
        let mut map = match self.preset.as_deref() {
            None => self,
            Some(name) => {
                let Some(mut base) = preset(name) else {
                    let known: Vec<&str> = preset_names().collect();
                    return Err(format!(
                        "未知的字段映射预设“{name}”（可用：{}）",
                        known.join("、")
                    ));
                };
                base.fields.extend(self.fields);
                base.computed.extend(self.computed);
                let mut own = self.rows.into_iter();
                let mut rows: Vec<RowMap> = std::mem::take(&mut base.rows)
                    .into_iter()
                    .map(|r| match own.next() {
                        Some(o) => r.extended(o),
                        None => r,
                    })
                    .collect();
                rows.extend(own);
                base.rows = rows;
                base.path_names |= self.path_names;
                base.preset = None;
                base
            }
        };
        map.preset = None;
        for rm in &map.rows {
            if rm.row.is_none() == rm.row_of.is_none() {
                return Err(
                    "字段映射的每一行须给出 row（CSS 选择器）或 rowOf（行内字段名）之一".into(),
                );
            }
            for spec in rm.fields.values() {
                row_field(spec)?;
            }
            for what in rm.computed.values() {
                if !COMPUTED_LINE.contains(&what.as_str()) {
                    return Err(format!(
                        "字段映射中的计算值“{what}”无效：只能是 {}",
                        COMPUTED_LINE.join("、")
                    ));
                }
            }
        }
        Ok(map)
    }
}

impl FieldMap {
    /// Field targets given as a funds cell's row and column labels, in the
    /// words the portal's table prints ("县市区财政/执行数"), made report
    /// paths under `spec` (see `labels`); a label the pack does not know is
    /// a zh-CN error naming it.
    pub fn bind_labels(&mut self, spec: &crate::model::pack::PackSpec) -> Result<(), String> {
        for (field, target) in self.fields.iter_mut() {
            *target = crate::labels::field_target(spec, target)
                .map_err(|e| format!("字段映射中“{field}”：{e}"))?;
        }
        Ok(())
    }
}

/// A target or actual from the texts of its parts, joined exactly as typed:
/// comparator + value + unit. A comparator of 定性 (qualitative) or none
/// gives the value and unit alone.
pub fn compose(parts: &[(Part, String)]) -> String {
    let text = |p: Part| {
        parts
            .iter()
            .filter(|(q, _)| *q == p)
            .map(|(_, t)| t.as_str())
            .collect::<String>()
    };
    let comparator = text(Part::Comparator);
    let comparator = match comparator.trim() {
        "定性" | "" => "",
        _ => comparator.as_str(),
    };
    format!("{comparator}{}{}", text(Part::Value), text(Part::Unit))
}

/// A character a comparator is written with, in any of the forms the
/// parser reads (full-width and look-alike ones included).
fn is_comparator_char(c: char) -> bool {
    matches!(crate::parse::width_char(c), '≥' | '≤' | '>' | '<' | '=')
}

/// A target or actual split back into the parts a portal shows: the
/// comparator as written, the figure, and the rest as the unit; text with
/// no figure is 定性 (qualitative), all of it the value. Exactly the inverse
/// of `compose`: `compose(&decompose(s)) == s` for every `s`.
pub fn decompose(raw: &str) -> Vec<(Part, String)> {
    let body = raw.trim_start_matches(is_comparator_char);
    let comparator = &raw[..raw.len().saturating_sub(body.len())];
    // A digit, full-width ones included (as the parser reads them).
    let digit = |c: char| crate::parse::width_char(c).is_ascii_digit();
    if comparator.is_empty() && !raw.chars().any(digit) {
        return vec![
            (Part::Comparator, "定性".into()),
            (Part::Value, raw.into()),
            (Part::Unit, String::new()),
        ];
    }
    let figure_end = body
        .char_indices()
        .find(|(_, c)| !(digit(*c) || matches!(c, '.' | '．' | ',' | '，' | '-' | '+' | ' ')))
        .map_or(body.len(), |(i, _)| i);
    let (value, unit) = body.split_at(figure_end);
    // An empty comparator with a figure would compose the same; a comparator
    // of only spaces cannot occur (spaces are not comparator characters).
    vec![
        (Part::Comparator, comparator.into()),
        (Part::Value, value.into()),
        (Part::Unit, unit.into()),
    ]
}

/// A field `name` as legacy portals write row fields: exact, or ending in
/// `.name` / `[name]` (`zb[3].zbmc`, `kpiList[3].indexval`).
pub fn name_matches(actual: &str, name: &str) -> bool {
    actual == name
        || actual
            .strip_suffix(name)
            .is_some_and(|rest| rest.ends_with('.'))
        || actual
            .strip_suffix(']')
            .and_then(|a| a.strip_suffix(name))
            .is_some_and(|rest| rest.ends_with('['))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funds_fields_may_be_given_by_the_labels_a_table_prints() {
        let spec = crate::pack::builtin("county-2017").unwrap().spec.clone();
        let mut map: FieldMap = serde_json::from_str(
            r#"{"fields": {"xjcz_zc": "县市区财政/执行数", "hj_dw": "合计·到位数（万元）", "nd": "/basic/year"}}"#,
        )
        .unwrap();
        map.bind_labels(&spec).unwrap();
        let got: Vec<&str> = map.fields.values().map(String::as_str).collect();
        assert_eq!(
            got,
            [
                "/funds/rows/county/spent",
                "/funds/rows/total/received",
                "/basic/year"
            ]
        );
        let mut bad: FieldMap =
            serde_json::from_str(r#"{"fields": {"sjcz": "省财政/结转数"}}"#).unwrap();
        let e = bad.bind_labels(&spec).unwrap_err();
        assert!(e.contains("“sjcz”") && e.contains("“结转数”"), "{e}");
    }

    #[test]
    fn parts_join_exactly_as_typed() {
        let p = |c: &str, v: &str, u: &str| {
            compose(&[
                (Part::Comparator, c.into()),
                (Part::Value, v.into()),
                (Part::Unit, u.into()),
            ])
        };
        assert_eq!(p("≥", "95", "%"), "≥95%");
        assert_eq!(p("=", "48.6", "万人"), "=48.6万人");
        assert_eq!(p("定性", "群众满意", ""), "群众满意");
        assert_eq!(p("", " 12 ", "个"), " 12 个");
        assert_eq!(compose(&[(Part::Value, "1".into())]), "1");
    }

    #[test]
    fn row_fields_and_parts_are_checked() {
        assert_eq!(row_field("target.unit"), Ok(("target", Some(Part::Unit))));
        assert_eq!(row_field("score"), Ok(("score", None)));
        assert!(row_field("actual.comparator").unwrap_err().contains("无效"));
        assert!(row_field("nope").unwrap_err().contains("指标行字段只能是"));
    }

    #[test]
    fn a_preset_by_name_extended_by_the_portal() {
        let map = FieldMap {
            preset: Some("vendor-kpi".into()),
            fields: [("txtXmmc".to_string(), "/basic/projectName".to_string())]
                .into_iter()
                .collect(),
            ..FieldMap::default()
        }
        .resolve()
        .unwrap();
        assert_eq!(map.fields.get("txtXmmc").unwrap(), "/basic/projectName");
        let rows = map.rows.first().unwrap();
        assert_eq!(rows.fields.get("indexval").unwrap(), "target.value");
        assert_eq!(rows.fields.get("computesign").unwrap(), "target.comparator");
        assert_eq!(rows.fields.get("meterunit").unwrap(), "target.unit");
        assert_eq!(rows.fields.get("actualvalue").unwrap(), "actual.value");
        assert_eq!(rows.fields.get("kpi_remark").unwrap(), "reason");
        // A portal's own row adds to the preset's: its parent field, a name.
        let own: RowMap =
            serde_json::from_str(r#"{"parentField": "secondkpi", "fields": {"thirdkpi": "name"}}"#)
                .unwrap();
        let map = FieldMap {
            preset: Some("vendor-kpi".into()),
            rows: vec![own],
            ..FieldMap::default()
        }
        .resolve()
        .unwrap();
        assert_eq!(map.rows.len(), 1);
        let row = map.rows.first().unwrap();
        assert_eq!(row.row_of.as_deref(), Some("indexval"));
        assert_eq!(row.parent_field.as_deref(), Some("secondkpi"));
        assert_eq!(row.fields.get("thirdkpi").unwrap(), "name");
        assert_eq!(row.fields.get("indexval").unwrap(), "target.value");
        assert_eq!(row.closest(), "tr");
        let err = FieldMap {
            preset: Some("nope".into()),
            ..FieldMap::default()
        }
        .resolve()
        .unwrap_err();
        assert!(
            err.contains("未知的字段映射预设“nope”（可用：vendor-kpi）"),
            "{err}"
        );
    }

    #[test]
    fn every_preset_loads_and_resolves() {
        for name in preset_names() {
            let map = preset(name).unwrap_or_else(|| panic!("{name} parses"));
            map.resolve().unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn decompose_splits_as_a_portal_shows_it() {
        let d = |s: &str| -> Vec<String> { decompose(s).into_iter().map(|(_, t)| t).collect() };
        assert_eq!(d("≥95%"), ["≥", "95", "%"]);
        assert_eq!(d(">=48.6万人"), [">=", "48.6", "万人"]);
        assert_eq!(d("200000人"), ["", "200000", "人"]);
        assert_eq!(d("有效减轻"), ["定性", "有效减轻", ""]);
        assert_eq!(d("≤ 2,000 元/人"), ["≤", " 2,000 ", "元/人"]);
        assert_eq!(d("达成：3857人"), ["", "", "达成：3857人"]);
    }

    proptest::proptest! {
        #[test]
        fn compose_inverts_decompose(s in "\\PC{0,24}", head in "[≥≤<>=＝ 0-9定性]{0,4}") {
            let raw = format!("{head}{s}");
            proptest::prop_assert_eq!(compose(&decompose(&raw)), raw);
        }
    }

    #[test]
    fn legacy_row_names_match() {
        assert!(name_matches("kpiList[3].indexval", "indexval"));
        assert!(name_matches("zb[0][zbmc]", "zbmc"));
        assert!(name_matches("fz", "fz"));
        assert!(!name_matches("xindexval", "indexval"));
        assert!(!name_matches("kpiList[3].indexval2", "indexval"));
    }
}
