//! A small typesetter for A4 documents: blocks of text, lists and tables are wrapped by the
//! measured widths of the embedded typeface and flowed over pages, each page framed by the
//! security marking at top and bottom and numbered `Page N of M`.

use crate::PdfError;
use crate::fonts::{Face, Weight, face};

/// A4 width and height, in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 height.
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 56.7;
const CONTENT_TOP: f32 = PAGE_HEIGHT - 78.0;
const CONTENT_BOTTOM: f32 = 72.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BODY: f32 = 10.0;
const LEADING: f32 = 1.38;
const CELL_PAD: f32 = 4.0;
/// The smallest size a table is set in to keep its figures whole.
const MIN_TABLE_SIZE: f32 = 7.0;

/// How a table column's text sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Money and other figures.
    Right,
}

/// A table column: its heading, its share of the width (the shares of a table add to 1) and
/// its alignment.
#[derive(Clone, Debug)]
pub struct Column {
    /// Heading.
    pub title: String,
    /// Share of the text width.
    pub share: f32,
    /// Alignment.
    pub align: Align,
}

impl Column {
    /// A column.
    pub fn new(title: &str, share: f32, align: Align) -> Column {
        Column {
            title: title.to_string(),
            share,
            align,
        }
    }
}

/// What a document is made of, top to bottom.
#[derive(Clone, Debug)]
pub enum Block {
    /// The document's title.
    Title(String),
    /// A line under the title.
    Subtitle(String),
    /// A section heading, kept with what follows it.
    Heading(String),
    /// A smaller heading inside a section, also kept with what follows it.
    Subheading(String),
    /// Paragraphs of text (a line break starts a new paragraph).
    Text(String),
    /// Label and value pairs.
    Fields(Vec<(String, String)>),
    /// Lettered paragraphs a), b), c) …
    Lettered(Vec<String>),
    /// A list of points.
    Bullets(Vec<String>),
    /// A table, with an optional total row.
    Table {
        /// The columns.
        columns: Vec<Column>,
        /// The rows, a cell per column.
        rows: Vec<Vec<String>>,
        /// The total row, in bold.
        total: Option<Vec<String>>,
    },
    /// Signature and date lines.
    Signature(Vec<String>),
    /// Vertical space, in points.
    Gap(f32),
    /// What follows starts on a new page (unless this page is still empty).
    PageBreak,
}

/// A piece of text placed on a page: `x`, baseline `y` from the page's bottom, in points.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// The text (drawable by the face).
    pub text: String,
    /// Regular or bold.
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
    /// Set in grey (captions, the frame).
    pub grey: bool,
}

/// A line drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Start.
    pub from: (f32, f32),
    /// End.
    pub to: (f32, f32),
    /// Thickness in points.
    pub thickness: f32,
}

/// A laid-out page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Its text.
    pub spans: Vec<Span>,
    /// Its lines.
    pub rules: Vec<Rule>,
}

/// What frames every page: the security marking (top and bottom) and a line at the foot.
#[derive(Clone, Debug)]
pub struct Frame {
    /// E.g. `OFFICIAL-SENSITIVE`.
    pub marking: String,
    /// Said at the bottom left of every page, e.g. the decision number.
    pub footer: String,
}

/// Lays `blocks` out on A4 pages inside `frame`.
pub fn typeset(blocks: &[Block], frame: &Frame) -> Result<Vec<Page>, PdfError> {
    let mut s = Setter {
        regular: face(Weight::Regular)?,
        bold: face(Weight::Bold)?,
        pages: vec![Page::default()],
        y: CONTENT_TOP,
    };
    for b in blocks {
        s.block(b);
    }
    let total = s.pages.len();
    for (n, page) in s.pages.iter_mut().enumerate() {
        let marking = clean(s.bold, &frame.marking);
        let w = s.bold.width(&marking, 9.0);
        for y in [PAGE_HEIGHT - 36.0, 30.0] {
            page.spans.push(Span {
                x: (PAGE_WIDTH - w) / 2.0,
                y,
                text: marking.clone(),
                weight: Weight::Bold,
                size: 9.0,
                grey: false,
            });
        }
        page.rules.push(Rule {
            from: (MARGIN_X, 52.0),
            to: (PAGE_WIDTH - MARGIN_X, 52.0),
            thickness: 0.4,
        });
        let number = format!("Page {} of {}", n + 1, total);
        page.spans.push(Span {
            x: PAGE_WIDTH - MARGIN_X - s.regular.width(&number, 8.5),
            y: 42.0,
            text: number,
            weight: Weight::Regular,
            size: 8.5,
            grey: true,
        });
        let footer = fit(
            s.regular,
            &clean(s.regular, &frame.footer),
            8.5,
            CONTENT_WIDTH - 90.0,
        );
        page.spans.push(Span {
            x: MARGIN_X,
            y: 42.0,
            text: footer,
            weight: Weight::Regular,
            size: 8.5,
            grey: true,
        });
    }
    Ok(s.pages)
}

/// The width of `text` set in `weight` at `size` points, in points.
pub fn text_width(weight: Weight, text: &str, size: f32) -> Result<f32, PdfError> {
    Ok(face(weight)?.width(text, size))
}

/// `text` with what the face cannot draw replaced by `?`, tabs by spaces and other control
/// characters dropped.
fn clean(face: &Face, text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c if face.has(c) => Some(c),
            _ => Some('?'),
        })
        .collect()
}

/// `text` shortened with an ellipsis to fit `width`.
fn fit(face: &Face, text: &str, size: f32, width: f32) -> String {
    if face.width(text, size) <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && face.width(&format!("{out}…"), size) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Breaks `text` into lines no wider than `width`: at spaces where it can, inside a word
/// only when the word alone is too wide. Every line break in the text is kept.
pub(crate) fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if face.width(word, size) <= width {
                line = word.to_string();
            } else {
                // A word wider than the line: cut it where it must.
                for c in word.chars() {
                    line.push(c);
                    if face.width(&line, size) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
        }
        lines.push(line);
    }
    lines
}

struct Setter {
    regular: &'static Face,
    bold: &'static Face,
    pages: Vec<Page>,
    /// The top of the next line.
    y: f32,
}

impl Setter {
    fn face(&self, weight: Weight) -> &'static Face {
        match weight {
            Weight::Regular => self.regular,
            Weight::Bold => self.bold,
        }
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = CONTENT_TOP;
    }

    /// Starts a new page unless `height` fits on this one; answers whether it did.
    fn room(&mut self, height: f32) -> bool {
        if self.y - height < CONTENT_BOTTOM && self.y < CONTENT_TOP {
            self.new_page();
            return true;
        }
        false
    }

    fn put(&mut self, x: f32, top: f32, text: String, weight: Weight, size: f32, grey: bool) {
        if text.is_empty() {
            return;
        }
        self.page().spans.push(Span {
            x,
            y: top - size * 0.93,
            text,
            weight,
            size,
            grey,
        });
    }

    fn rule(&mut self, y: f32, x1: f32, x2: f32, thickness: f32) {
        self.page().rules.push(Rule {
            from: (x1, y),
            to: (x2, y),
            thickness,
        });
    }

    /// Wrapped text at `x`, `width` wide, line by line over pages.
    fn text(&mut self, x: f32, width: f32, text: &str, weight: Weight, size: f32, grey: bool) {
        let face = self.face(weight);
        let height = size * LEADING;
        for line in wrap(face, &clean(face, text), size, width) {
            self.room(height);
            let y = self.y;
            self.put(x, y, line, weight, size, grey);
            self.y -= height;
        }
    }

    fn block(&mut self, b: &Block) {
        let line = BODY * LEADING;
        match b {
            Block::Title(t) => {
                self.text(MARGIN_X, CONTENT_WIDTH, t, Weight::Bold, 16.0, false);
                self.y -= 2.0;
            }
            Block::Subtitle(t) => {
                self.text(MARGIN_X, CONTENT_WIDTH, t, Weight::Regular, 10.5, true);
                self.y -= 4.0;
                let y = self.y;
                self.rule(y, MARGIN_X, PAGE_WIDTH - MARGIN_X, 0.8);
                self.y -= 8.0;
            }
            Block::Heading(t) => {
                self.y -= 7.0;
                // Kept with at least two lines of what follows.
                if self.room(11.5 * LEADING + 2.0 * line + 4.0) {
                    self.y = CONTENT_TOP;
                }
                self.text(MARGIN_X, CONTENT_WIDTH, t, Weight::Bold, 11.5, false);
                self.y -= 2.0;
            }
            Block::Subheading(t) => {
                self.y -= 4.0;
                if self.room(BODY * LEADING + 2.0 * line + 2.0) {
                    self.y = CONTENT_TOP;
                }
                self.text(MARGIN_X, CONTENT_WIDTH, t, Weight::Bold, BODY, false);
                self.y -= 1.0;
            }
            Block::PageBreak => {
                if self.y < CONTENT_TOP {
                    self.new_page();
                }
            }
            Block::Text(t) => {
                self.text(MARGIN_X, CONTENT_WIDTH, t, Weight::Regular, BODY, false);
                self.y -= 3.0;
            }
            Block::Fields(pairs) => {
                let label_width = 150.0;
                for (label, value) in pairs {
                    let labels = wrap(self.bold, &clean(self.bold, label), BODY, label_width - 8.0);
                    let values = wrap(
                        self.regular,
                        &clean(self.regular, value),
                        BODY,
                        CONTENT_WIDTH - label_width,
                    );
                    for k in 0..labels.len().max(values.len()) {
                        self.room(line);
                        let y = self.y;
                        if let Some(l) = labels.get(k) {
                            self.put(MARGIN_X, y, l.clone(), Weight::Bold, BODY, false);
                        }
                        if let Some(v) = values.get(k) {
                            self.put(
                                MARGIN_X + label_width,
                                y,
                                v.clone(),
                                Weight::Regular,
                                BODY,
                                false,
                            );
                        }
                        self.y -= line;
                    }
                    self.y -= 2.0;
                }
            }
            Block::Lettered(items) | Block::Bullets(items) => {
                let lettered = matches!(b, Block::Lettered(_));
                for (i, item) in items.iter().enumerate() {
                    let mark = if lettered {
                        format!("{})", panel_core::decision::paragraph_letter(i))
                    } else {
                        "•".to_string()
                    };
                    self.room(line);
                    let y = self.y;
                    self.put(MARGIN_X + 4.0, y, mark, Weight::Regular, BODY, false);
                    self.text(
                        MARGIN_X + 24.0,
                        CONTENT_WIDTH - 24.0,
                        item,
                        Weight::Regular,
                        BODY,
                        false,
                    );
                    self.y -= 3.0;
                }
            }
            Block::Table {
                columns,
                rows,
                total,
            } => self.table(columns, rows, total.as_ref()),
            Block::Signature(labels) => {
                self.y -= 10.0;
                for label in labels {
                    self.room(2.6 * line);
                    self.y -= 1.6 * line;
                    let y = self.y;
                    self.put(
                        MARGIN_X,
                        y,
                        clean(self.bold, label),
                        Weight::Bold,
                        BODY,
                        false,
                    );
                    self.rule(y - BODY, MARGIN_X + 110.0, MARGIN_X + 330.0, 0.6);
                    self.y -= line;
                }
            }
            Block::Gap(h) => self.y -= h,
        }
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>], total: Option<&Vec<String>>) {
        let xs: Vec<(f32, f32)> = {
            let mut x = MARGIN_X;
            columns
                .iter()
                .map(|c| {
                    let w = c.share * CONTENT_WIDTH;
                    let at = (x, w);
                    x += w;
                    at
                })
                .collect()
        };
        let header: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        // A figure or a one-word heading is never broken over lines: the table is set smaller
        // (down to a floor) until every cell without a space fits its column.
        let mut size = BODY;
        for (row, weight) in rows
            .iter()
            .map(|r| (r, Weight::Regular))
            .chain(total.map(|t| (t, Weight::Bold)))
            .chain([(&header, Weight::Bold)])
        {
            let face = self.face(weight);
            for (k, (_, w)) in xs.iter().enumerate() {
                let Some(text) = row.get(k).filter(|t| !t.contains(' ')) else {
                    continue;
                };
                let wide = face.width(text, BODY);
                if wide > 0.0 {
                    size = size.min(BODY * (w - 2.0 * CELL_PAD) / wide);
                }
            }
        }
        let size = size.max(MIN_TABLE_SIZE);
        let line = size * LEADING;
        let cells = |s: &Setter, row: &[String], weight: Weight| -> Vec<Vec<String>> {
            let face = s.face(weight);
            xs.iter()
                .enumerate()
                .map(|(k, (_, w))| {
                    let text = row.get(k).map(String::as_str).unwrap_or("");
                    wrap(face, &clean(face, text), size, w - 2.0 * CELL_PAD)
                })
                .collect()
        };
        let header_cells = cells(self, &header, Weight::Bold);
        let header_lines = header_cells.iter().map(Vec::len).max().unwrap_or(1);
        // The header with the first row at least.
        self.room((header_lines + 1) as f32 * line + 6.0);
        self.table_row(columns, &xs, &header_cells, Weight::Bold, size, None);
        let draw_header =
            |s: &mut Setter| s.table_row(columns, &xs, &header_cells, Weight::Bold, size, None);
        let mut all: Vec<(Vec<Vec<String>>, Weight)> = rows
            .iter()
            .map(|r| (cells(self, r, Weight::Regular), Weight::Regular))
            .collect();
        if let Some(t) = total {
            all.push((cells(self, t, Weight::Bold), Weight::Bold));
        }
        let last = all.len();
        for (i, (row, weight)) in all.into_iter().enumerate() {
            let is_total = total.is_some() && i + 1 == last;
            self.table_row(
                columns,
                &xs,
                &row,
                weight,
                size,
                Some((&draw_header, is_total)),
            );
        }
        self.y -= 6.0;
    }

    #[allow(clippy::type_complexity)]
    fn table_row(
        &mut self,
        columns: &[Column],
        xs: &[(f32, f32)],
        row: &[Vec<String>],
        weight: Weight,
        size: f32,
        body: Option<(&dyn Fn(&mut Setter), bool)>,
    ) {
        let line = size * LEADING;
        let lines = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
        if let Some((_, true)) = body {
            let y = self.y;
            self.rule(y - 1.0, MARGIN_X, PAGE_WIDTH - MARGIN_X, 0.8);
        }
        self.y -= 3.0;
        for k in 0..lines {
            if let Some((header, _)) = body
                && self.room(line)
            {
                header(self);
            }
            let y = self.y;
            for (c, (x, w)) in xs.iter().enumerate() {
                let Some(text) = row.get(c).and_then(|cell| cell.get(k)) else {
                    continue;
                };
                let face = self.face(weight);
                let at = match columns[c].align {
                    Align::Left => x + CELL_PAD,
                    Align::Right => x + w - CELL_PAD - face.width(text, size),
                };
                self.put(at, y, text.clone(), weight, size, false);
            }
            self.y -= line;
        }
        let y = self.y;
        let thickness = if body.is_none() { 0.8 } else { 0.3 };
        self.rule(y - 1.0, MARGIN_X, PAGE_WIDTH - MARGIN_X, thickness);
        self.y -= 2.0;
    }
}
