//! Basic info consistency: the project's start is not after its end.

use super::Rx;
use crate::codes::Code;
use crate::finding::Args;
use crate::graph::{Builder, Out};

pub(super) fn units(rx: &Rx, b: &mut Builder) {
    let start = b.parsed_key("/basic/start");
    let end = b.parsed_key("/basic/end");
    let rx = rx.clone();
    b.unit(vec![start, end], vec![], move |cx| {
        let mut out = Out::default();
        // Dates are normalised to YYYY-MM-DD or YYYY-MM, so text order is
        // date order; a month and a day are compared at the month.
        if let (Some(s), Some(e)) = (cx.text(start), cx.text(end)) {
            let n = s.len().min(e.len());
            if s.get(..n) > e.get(..n) {
                out.findings.push(rx.finding(
                    Code::DateOrder,
                    &["/basic/start", "/basic/end"],
                    Args::field("项目起止时间").actual(s).expected(e),
                ));
            }
        }
        out
    });
}
