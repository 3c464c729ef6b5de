//! The labels of the 自评表 as data (`layout.json`): what import looks for
//! and what export writes, so the two cannot drift. Funds rows and
//! columns and the indicator tree come from the pack.

use std::sync::OnceLock;

use serde::Deserialize;

use super::book::{key_is, label_key};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Layout {
    pub title: String,
    pub main_sheet: String,
    pub more_sheet: String,
    pub findings_sheet: String,
    pub meta_sheet: String,
    pub pack_label: String,
    pub basic: Vec<Labeled>,
    pub funds_label: Labeled,
    pub funds_extra: Vec<Labeled>,
    pub indicator_columns: Vec<Labeled>,
    pub level_words: Vec<String>,
    pub subtotal: Labeled,
    pub total: Labeled,
    pub grade: Labeled,
    pub rates: Vec<Labeled>,
    /// Free-text parts of the official table that the pack's narrative
    /// does not name (年度总体目标: 预期目标 / 实际完成情况), by narrative key.
    pub texts: Vec<Labeled>,
    pub texts_label: Labeled,
    pub rates_title: String,
    pub expenses: Expenses,
    /// The heading over a pack table's row names.
    pub table_item: String,
    pub breakdown: BreakdownLabels,
    pub per_capita: PerCapitaLabels,
    pub value_header: String,
    pub findings_header: Vec<String>,
    /// Every label's key (built once): "is this cell a label?" in O(1).
    #[serde(skip)]
    pub all_keys: std::collections::HashSet<String>,
    /// The single labels' keys (built once).
    #[serde(skip)]
    pub k: Keys,
}

/// Keys of the layout's single labels, compared with cells' keys.
#[derive(Debug, Default)]
pub struct Keys {
    pub rates_title: String,
    pub expenses_title: String,
    pub expenses_name: String,
    pub expenses_total: String,
    pub per_capita_title: String,
    pub per_capita_standard: String,
    pub per_capita_persons: String,
    pub per_capita_level: String,
    pub breakdown_name: String,
    pub breakdown_value: String,
    pub breakdown_total: String,
    pub level_words: Vec<String>,
}

/// A label, its other spellings, and the field it names (if any).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Labeled {
    #[serde(default)]
    pub field: String,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The label's and aliases' keys (built once).
    #[serde(skip)]
    keys: Vec<String>,
}

impl Labeled {
    /// Does a cell's text (as a label key) name this?
    pub fn matches(&self, key: &str) -> bool {
        !key.is_empty() && self.keys.iter().any(|k| k == key)
    }

    fn prepare(&mut self, all: &mut std::collections::HashSet<String>) {
        self.keys = std::iter::once(&self.label)
            .chain(&self.aliases)
            .map(|l| label_key(l).0)
            .collect();
        all.extend(self.keys.iter().cloned());
    }
}

/// Two labels compare equal as label keys.
pub fn same(key: &str, label: &str) -> bool {
    key_is(key, label)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expenses {
    pub title: String,
    pub name: String,
    pub amount: String,
    pub total: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreakdownLabels {
    pub name: String,
    pub value: String,
    pub total: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PerCapitaLabels {
    pub title: String,
    pub standard: String,
    pub persons: String,
    pub level: String,
    pub level_standard: String,
    pub level_funds: String,
}

/// The layout, parsed once. The file is part of the build and a test
/// parses it, so a failure here is a build defect: it yields an empty
/// layout rather than a panic.
pub fn layout() -> &'static Layout {
    static L: OnceLock<Layout> = OnceLock::new();
    L.get_or_init(|| {
        let mut l: Layout =
            serde_json::from_str(include_str!("layout.json")).unwrap_or_else(|_| Layout::empty());
        l.prepare();
        l
    })
}

impl Layout {
    /// Build the label keys.
    fn prepare(&mut self) {
        let mut all = std::collections::HashSet::new();
        for l in self
            .basic
            .iter_mut()
            .chain(self.funds_extra.iter_mut())
            .chain(self.indicator_columns.iter_mut())
            .chain(self.rates.iter_mut())
            .chain(self.texts.iter_mut())
        {
            l.prepare(&mut all);
        }
        for l in [
            &mut self.funds_label,
            &mut self.subtotal,
            &mut self.total,
            &mut self.grade,
            &mut self.texts_label,
        ] {
            l.prepare(&mut all);
        }
        self.all_keys = all;
        let k = |s: &str| label_key(s).0;
        self.k = Keys {
            rates_title: k(&self.rates_title),
            expenses_title: k(&self.expenses.title),
            expenses_name: k(&self.expenses.name),
            expenses_total: k(&self.expenses.total),
            per_capita_title: k(&self.per_capita.title),
            per_capita_standard: k(&self.per_capita.standard),
            per_capita_persons: k(&self.per_capita.persons),
            per_capita_level: k(&self.per_capita.level),
            breakdown_name: k(&self.breakdown.name),
            breakdown_value: k(&self.breakdown.value),
            breakdown_total: k(&self.breakdown.total),
            level_words: self.level_words.iter().map(|w| k(w)).collect(),
        };
    }

    fn empty() -> Layout {
        let l = || Labeled {
            field: String::new(),
            label: String::new(),
            aliases: Vec::new(),
            keys: Vec::new(),
        };
        Layout {
            title: String::new(),
            main_sheet: "Sheet1".into(),
            more_sheet: "Sheet2".into(),
            findings_sheet: "Sheet3".into(),
            meta_sheet: "Sheet4".into(),
            pack_label: String::new(),
            basic: Vec::new(),
            funds_label: l(),
            funds_extra: Vec::new(),
            indicator_columns: Vec::new(),
            level_words: Vec::new(),
            subtotal: l(),
            total: l(),
            grade: l(),
            rates: Vec::new(),
            texts: Vec::new(),
            texts_label: l(),
            rates_title: String::new(),
            expenses: Expenses {
                title: String::new(),
                name: String::new(),
                amount: String::new(),
                total: String::new(),
            },
            table_item: String::new(),
            breakdown: BreakdownLabels {
                name: String::new(),
                value: String::new(),
                total: String::new(),
            },
            per_capita: PerCapitaLabels {
                title: String::new(),
                standard: String::new(),
                persons: String::new(),
                level: String::new(),
                level_standard: String::new(),
                level_funds: String::new(),
            },
            value_header: String::new(),
            findings_header: Vec::new(),
            all_keys: std::collections::HashSet::new(),
            k: Keys::default(),
        }
    }

    /// The indicator column named `field`.
    pub fn column(&self, field: &str) -> Option<&Labeled> {
        self.indicator_columns.iter().find(|c| c.field == field)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn layout_file_parses() {
        let mut l: super::Layout = serde_json::from_str(include_str!("layout.json")).unwrap();
        l.prepare();
        assert_eq!(l.basic.len(), 10);
        assert!(l.column("target").unwrap().matches("指标值"));
    }
}
