//! The embedded typefaces (DejaVu Sans, regular and bold, from `assets/fonts`), their glyph
//! widths for measuring text, and subsets holding only the glyphs a document uses.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::ParsedFont;

use crate::PdfError;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Regular or bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings, labels.
    Bold,
}

/// One typeface: its file, and each character's glyph and advance width.
pub(crate) struct Face {
    bytes: &'static [u8],
    /// Character → (glyph id, advance in font units).
    glyphs: HashMap<char, (u16, u16)>,
    units_per_em: f32,
    /// The advance of a character the face lacks, which is drawn as `?`.
    fallback: (u16, u16),
}

impl Face {
    fn load(bytes: &'static [u8]) -> Result<Face, PdfError> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| PdfError::Font("the embedded typeface cannot be read".into()))?;
        let mut glyphs = HashMap::new();
        // Every character a record can hold in practice: Latin, punctuation, currency.
        let ranges = [
            (0x20u32, 0x7e),
            (0xa0, 0x17f),
            (0x2010, 0x2044),
            (0x20ac, 0x20ac),
        ];
        for (from, to) in ranges {
            for cp in from..=to {
                if let (Some(c), Some(g)) = (char::from_u32(cp), parsed.lookup_glyph_index(cp))
                    && g != 0
                {
                    glyphs.insert(c, (g, parsed.get_glyph_width(g).unwrap_or(0)));
                }
            }
        }
        let fallback = glyphs
            .get(&'?')
            .copied()
            .ok_or_else(|| PdfError::Font("the embedded typeface has no `?`".into()))?;
        Ok(Face {
            bytes,
            glyphs,
            units_per_em: f32::from(parsed.units_per_em.max(1)),
            fallback,
        })
    }

    /// Whether the face draws `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&c)
    }

    /// The width of `text` at `size` points, in points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.glyphs.get(&c).unwrap_or(&self.fallback).1))
            .sum();
        units as f32 * size / self.units_per_em
    }

    /// A font holding only the glyphs of `chars` (and `.notdef`), for embedding.
    pub(crate) fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, PdfError> {
        let mut ids: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| self.glyphs.get(c).map(|g| g.0))
            .collect();
        ids.insert(0);
        ids.insert(self.fallback.0);
        let ids: Vec<u16> = ids.into_iter().collect();
        let bad = |e: String| PdfError::Font(format!("the typeface cannot be subset: {e}"));
        let scope = ReadScope::new(self.bytes);
        let data = scope
            .read::<FontData<'_>>()
            .map_err(|e| bad(e.to_string()))?;
        let provider = data.table_provider(0).map_err(|e| bad(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| bad(e.to_string()))?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
            .ok_or_else(|| bad("the subset cannot be read back".into()))
    }
}

/// The face of a weight, loaded once.
pub(crate) fn face(weight: Weight) -> Result<&'static Face, PdfError> {
    static FACES: OnceLock<Result<(Face, Face), String>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        Ok((
            Face::load(REGULAR).map_err(|e| e.to_string())?,
            Face::load(BOLD).map_err(|e| e.to_string())?,
        ))
    });
    match faces {
        Ok((regular, bold)) => Ok(match weight {
            Weight::Regular => regular,
            Weight::Bold => bold,
        }),
        Err(e) => Err(PdfError::Font(e.clone())),
    }
}
