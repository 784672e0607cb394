//! One record's fields kept as a single validated text: UTF-8 is checked once per record (SIMD), not once per
//! field, which matters on the import hot path.

use csv::ByteRecord;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    text: String,
    /// End offset of each field in `text`.
    ends: Vec<usize>,
}

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn push_field(&mut self, field: &str) {
        self.text.push_str(field);
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { *self.ends.get(index - 1)? };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i).unwrap_or(""))
    }

    /// Takes a parsed CSV record. `Err(offset)`: the bytes are not UTF-8 from that offset in the record on (a
    /// character cut by a delimiter counts too).
    pub fn fill(&mut self, record: &ByteRecord) -> Result<(), u64> {
        self.clear();
        let text = simdutf8::compat::from_utf8(record.as_slice()).map_err(|e| e.valid_up_to() as u64)?;
        let mut end = 0;
        for field in record.iter() {
            end += field.len();
            if !text.is_char_boundary(end) {
                return Err(end as u64);
            }
            self.ends.push(end);
        }
        self.text.push_str(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_and_reject_cut_characters() {
        let mut f = Fields::new();
        f.fill(&ByteRecord::from(vec!["Mã", "", "Điểm tự chấm"])).unwrap();
        assert_eq!(f.iter().collect::<Vec<_>>(), vec!["Mã", "", "Điểm tự chấm"]);
        assert_eq!((f.len(), f.get(3)), (3, None));
        // "é" split across two fields: each half is invalid on its own.
        let cut = ByteRecord::from(vec![&b"a\xC3"[..], &b"\xA9"[..]]);
        assert_eq!(f.fill(&cut), Err(2));
        assert_eq!(f.fill(&ByteRecord::from(vec![&b"ab\xFF"[..]])), Err(2));
        f.clear();
        f.push_field("x");
        assert_eq!(f.iter().collect::<Vec<_>>(), vec!["x"]);
    }
}
