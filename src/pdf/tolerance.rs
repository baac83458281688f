//! Every numeric tolerance of the PDF layout, in one place.
//!
//! Page space is in points (1/72 inch), origin top left, y down. Names ending in `_PT` are
//! distances in points; names ending in `_EM` are fractions of the font size of the line
//! concerned (1.0 = one em). Each value was set on real producers' output (LibreOffice,
//! WeasyPrint, Chromium, pdfTeX, ReportLab); changing one changes how every PDF is read.

// ---------------------------------------------------------------------------------------
// Drawing: paths to ruling lines (`interp`)
// ---------------------------------------------------------------------------------------

/// A filled or stroked rectangle at most this thick is one rule along its long side;
/// thicker, it is a box whose four edges are rules.
pub(super) const RULE_MAX_THICKNESS_PT: f32 = 3.0;
/// A path segment is horizontal (or vertical) when its ends differ by less than this
/// across it...
pub(super) const SEGMENT_STRAIGHT_PT: f32 = 1.0;
/// ... and it is at least this long along it.
pub(super) const SEGMENT_MIN_LENGTH_PT: f32 = 2.0;
/// A rule more than this outside the clip box, across its direction, is not drawn.
pub(super) const CLIP_SLACK_PT: f32 = 1.0;
/// A rule shorter than this after clipping is dropped.
pub(super) const MIN_CLIPPED_RULE_PT: f32 = 1.0;

// ---------------------------------------------------------------------------------------
// Glyphs to baseline lines, superscripts (`layout::lines`)
// ---------------------------------------------------------------------------------------

/// Glyphs with a font size outside this range (points) are ignored as invisible or
/// decorative (a 0.1 pt white marker, a 600 pt watermark).
pub(super) const MIN_GLYPH_SIZE_PT: f32 = 0.5;
pub(super) const MAX_GLYPH_SIZE_PT: f32 = 500.0;
/// Two glyphs sit on the same baseline when their baselines differ by at most this, of
/// the smaller of the two sizes (and at least 1 pt).
pub(super) const SAME_BASELINE_EM: f32 = 0.25;
/// Font sizes are counted in buckets of 1/this points to find a line's dominant size.
pub(super) const SIZE_BUCKETS_PER_PT: f32 = 2.0;
/// The size assumed for a line whose glyphs have none.
pub(super) const DEFAULT_SIZE_PT: f32 = 10.0;
/// Glyphs within this of the dominant size set the line's baseline.
pub(super) const SAME_SIZE_PT: f32 = 0.5;
/// A superscript is at most this fraction of the size of the line it is raised above.
pub(super) const SUPERSCRIPT_MAX_SIZE_RATIO: f32 = 0.92;
/// A glyph of the line raised more than this above its baseline is a superscript.
pub(super) const SUPERSCRIPT_GLYPH_RISE_EM: f32 = 0.15;
/// A separate line of small glyphs whose baseline is between these two distances above a
/// larger line is that line's superscripts ...
pub(super) const SUPERSCRIPT_LINE_MIN_RISE_EM: f32 = 0.2;
pub(super) const SUPERSCRIPT_LINE_MAX_RISE_EM: f32 = 0.7;
/// ... when it overlaps the line horizontally, give or take this ...
pub(super) const SUPERSCRIPT_LINE_OVERLAP_EM: f32 = 1.0;
/// ... and has at most this many glyphs (a footnote number, not a line of small print).
pub(super) const SUPERSCRIPT_LINE_MAX_GLYPHS: usize = 8;
/// The same glyph drawn again within this fraction of its width (fake bold, a shadow) is
/// kept once; widths below `DUPLICATE_MIN_WIDTH_PT` count as that.
pub(super) const DUPLICATE_GLYPH_DX_EM: f32 = 0.3;
pub(super) const DUPLICATE_MIN_WIDTH_PT: f32 = 0.5;
/// A gap between glyphs wider than this is a word space.
pub(super) const WORD_GAP_EM: f32 = 0.18;
/// A gap between glyphs wider than this cuts a line into separate pieces (cells, columns).
pub(super) const PIECE_GAP_EM: f32 = 1.0;
/// A line's text reaches this far above its baseline (its top, for band membership) ...
pub(super) const ASCENT_EM: f32 = 0.75;
/// ... and this far below it.
pub(super) const DESCENT_EM: f32 = 0.1;
/// A vertical rule crosses a line when it starts at least this far above the baseline ...
pub(super) const CROSSING_RULE_ABOVE_EM: f32 = 0.5;
/// ... and ends no higher than this above it.
pub(super) const CROSSING_RULE_BELOW_PT: f32 = 1.0;

// ---------------------------------------------------------------------------------------
// Ruling lines (`layout::rulings`)
// ---------------------------------------------------------------------------------------

/// Horizontal rules within this of each other in y are one rule line.
pub(super) const RULE_CLUSTER_DY_PT: f32 = 2.0;
/// Vertical rule pieces this close in x, touching or this close end to end, are one rule.
pub(super) const VERTICAL_MERGE_PT: f32 = 1.5;
/// A rule line covers an x when one of its segments reaches within this of it; a vertical
/// rule's end is met by a horizontal rule this close.
pub(super) const RULE_MEET_PT: f32 = 2.0;
/// Ends of vertical rules within this in y end at the same height (a row cut by the page).
pub(super) const RULE_ENDS_DY_PT: f32 = 2.0;
/// A synthetic rule closing a cut row must span more than this.
pub(super) const MIN_CUT_WIDTH_PT: f32 = 10.0;

// ---------------------------------------------------------------------------------------
// Table bands and cells (`layout::bands`)
// ---------------------------------------------------------------------------------------

/// A piece's top may reach this far above the rule above its band.
pub(super) const BAND_TOP_SLACK_PT: f32 = 1.0;
/// A vertical rule spans a band when it reaches within this fraction of the band's height
/// of its top and bottom rules ...
pub(super) const BAND_SPAN_SLACK: f32 = 0.1;
/// ... plus this.
pub(super) const BAND_SPAN_SLACK_PT: f32 = 1.0;
/// Ends of the rules above and below a band this close are a column separator.
pub(super) const SEPARATOR_ENDS_PT: f32 = 2.0;
/// Separators this close to the band's outer edge are its border, not a column.
pub(super) const SEPARATOR_EDGE_PT: f32 = 3.0;
/// A glyph reaching more than this past a separator on both sides crosses it: the
/// separator is not a column boundary.
pub(super) const SEPARATOR_CROSS_PT: f32 = 0.5;
/// Separators this close together are one.
pub(super) const SEPARATOR_MERGE_PT: f32 = 3.0;
/// A vertical rule this close to the band's outer edge encloses it.
pub(super) const ENCLOSING_RULE_PT: f32 = 3.0;
/// Largest cell padding (left inset of the text) taken into account.
pub(super) const MAX_CELL_PADDING_PT: f32 = 20.0;
/// A word reaching within this of the cell's right edge (less its padding) filled the
/// line: a word on the next line may be its continuation, cut for lack of room.
pub(super) const CELL_FULL_PT: f32 = 0.5;
/// A row cut by the page break before its text: vertical rules start within this of the
/// rule above and end within this of the synthetic cut; its rules lie within this of the
/// page's last row.
pub(super) const CUT_ROW_PT: f32 = 2.0;

// ---------------------------------------------------------------------------------------
// Flow text: paragraphs and columns (`layout::flow`, `layout::assemble`)
// ---------------------------------------------------------------------------------------

/// A gap wider than this between two pieces of a flow line (not after a list marker) keeps
/// them apart as columns (a TAB).
pub(super) const COLUMN_GAP_EM: f32 = 4.0;
/// A column drawn without rules leaves a strip free of ink at least this wide between
/// the words of consecutive lines.
pub(super) const CORRIDOR_MIN_EM: f32 = 1.0;
/// A line in the first column alone may reach into the strip but must leave this much of
/// it free.
pub(super) const CORRIDOR_CLEAR_EM: f32 = 0.3;
/// The words right of such a strip start within this of its edge on two or more lines.
pub(super) const COLUMN_ALIGN_PT: f32 = 2.0;
/// Lines of a table drawn without rules are at most this far apart (a line with text in
/// a later column; a line in the first column alone keeps `MAX_LINE_ADVANCE_EM`).
pub(super) const TABLE_ROW_ADVANCE_EM: f32 = 2.5;
/// Lines of a table drawn without rules this far apart (baselines) or more are in two
/// rows; closer, the lower one may be the wrapped text of the row above.
pub(super) const ROW_GAP_EM: f32 = 1.45;
/// Lines whose font sizes differ by more than this are not one paragraph.
pub(super) const SAME_STYLE_SIZE_PT: f32 = 0.6;
/// The next line of a paragraph is at most this far below (baseline to baseline).
pub(super) const MAX_LINE_ADVANCE_EM: f32 = 1.6;
/// An unfinished sentence continues on a line at most this far below, after a gap ...
pub(super) const MAX_SENTENCE_GAP_EM: f32 = 3.0;
/// ... starting within this of the same left edge.
pub(super) const SAME_LEFT_PT: f32 = 2.0;
/// A line starting more than this left of the paragraph's text is a new paragraph.
pub(super) const OUTDENT_PT: f32 = 2.0;
/// A line starting more than this right of the paragraph's text is a block of its own.
pub(super) const INDENT_EM: f32 = 2.0;
/// A line ending more than this (plus the next line's first word) short of the right
/// margin ended its paragraph.
pub(super) const SHORT_LINE_EM: f32 = 1.5;
/// The text column's right edge is the flow lines' right ends at this percentile (tenths).
pub(super) const RIGHT_MARGIN_TENTHS: usize = 8;

// ---------------------------------------------------------------------------------------
// The document: running headers and footers, rows cut by page breaks (`layout::margins`,
// `layout::assemble`)
// ---------------------------------------------------------------------------------------

/// The top and bottom margins, as fractions of the page height, where running headers,
/// footers and page numbers are looked for.
pub(super) const MARGIN_FRACTION: f32 = 0.1;
/// Footnotes: the flow lines ending a page set at least this much smaller than its body
/// text. They do not interrupt a table or paragraph that the page break cuts.
pub(super) const FOOTNOTE_SMALLER_PT: f32 = 1.0;
/// Column edges of two row parts on either side of a page break within this are the same
/// columns; a cell's text joins the cell whose left edge is within this.
pub(super) const COLUMN_MATCH_PT: f32 = 6.0;
