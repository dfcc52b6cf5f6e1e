//! Laid-out pages into a PDF file: the typefaces embedded as subsets, every piece of text
//! extractable (Unicode mapping), and the title and keywords in the document's metadata.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use printpdf::{
    Color, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rgb, TextItem,
};

use crate::PdfError;
use crate::fonts::{Weight, face};
use crate::layout::{PAGE_HEIGHT, PAGE_WIDTH, Page};

/// What the document's metadata says.
#[derive(Clone, Debug)]
pub struct Meta {
    /// Title, e.g. `Record of decision CNP/30-31/0001`.
    pub title: String,
    /// Subject.
    pub subject: String,
    /// The authority.
    pub author: String,
    /// Keywords, e.g. the decision number.
    pub keywords: Vec<String>,
    /// The document's date (its creation date, so the same record gives the same file).
    pub date: NaiveDate,
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

fn pt(p: f32) -> Mm {
    Mm(p * 25.4 / 72.0)
}

/// The PDF of `pages`.
pub fn render(pages: &[Page], meta: &Meta) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.subject = meta.subject.clone();
    info.author = meta.author.clone();
    info.creator = "Complex Needs Panel".into();
    info.producer = "Complex Needs Panel".into();
    info.keywords = meta.keywords.clone();
    let stamp = meta
        .date
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    if let Ok(d) = printpdf::OffsetDateTime::from_unix_timestamp(stamp) {
        info.creation_date = d;
        info.modification_date = d;
        info.metadata_date = d;
    }

    // Each weight embedded with only the characters the document shows.
    let mut used: BTreeMap<Weight, BTreeSet<char>> = BTreeMap::new();
    for span in pages.iter().flat_map(|p| &p.spans) {
        used.entry(span.weight)
            .or_default()
            .extend(span.text.chars());
    }
    let mut fonts = BTreeMap::new();
    for (weight, chars) in &used {
        let subset = face(*weight)?.subset(chars)?;
        fonts.insert(*weight, doc.add_font(&subset));
    }

    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::with_capacity(page.spans.len() * 6 + page.rules.len() * 3);
        for rule in &page.rules {
            ops.push(Op::SetOutlineColor { col: grey(0.35) });
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.thickness),
            });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point::new(pt(rule.from.0), pt(rule.from.1)),
                            bezier: false,
                        },
                        LinePoint {
                            p: Point::new(pt(rule.to.0), pt(rule.to.1)),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
        for span in &page.spans {
            let Some(font) = fonts.get(&span.weight) else {
                continue;
            };
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor {
                col: grey(if span.grey { 0.33 } else { 0.0 }),
            });
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(span.size),
            });
            ops.push(Op::SetTextCursor {
                pos: Point::new(pt(span.x), pt(span.y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(span.text.clone())],
            });
            ops.push(Op::EndTextSection);
        }
        out.push(PdfPage::new(pt(PAGE_WIDTH), pt(PAGE_HEIGHT), ops));
    }
    let mut warnings = Vec::new();
    Ok(doc
        .with_pages(out)
        .save(&PdfSaveOptions::default(), &mut warnings))
}
