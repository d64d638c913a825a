using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Reqnroll;

/// <summary>A Gherkin data table: the first row is the header, the others are the rows.</summary>
public class Table
{
    private readonly List<string> _header;
    private readonly List<string[]> _rows = [];

    public Table(params string[] header)
    {
        if (header.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(header));
        }
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The table header names the column '{duplicate.Key}' twice; column names must be unique.", nameof(header));
        }
        _header = [.. header];
        Rows = new TableRows(this);
    }

    protected Table(Table copyFrom) : this([.. copyFrom._header])
    {
        foreach (var row in copyFrom._rows)
        {
            _rows.Add((string[])row.Clone());
        }
    }

    public ICollection<string> Header => _header.AsReadOnly();

    public TableRows Rows { get; }

    public int RowCount => _rows.Count;

    public bool ContainsColumn(string column) => _header.Contains(column, StringComparer.Ordinal);

    public void AddRow(params string[] values)
    {
        if (values.Length != _header.Count)
        {
            throw new ArgumentException($"The row has {values.Length} values but the table has {_header.Count} columns ({string.Join(", ", _header)}).", nameof(values));
        }
        _rows.Add((string[])values.Clone());
    }

    public void AddRow(IDictionary<string, string> values)
    {
        var row = new string[_header.Count];
        for (var i = 0; i < _header.Count; i++)
        {
            row[i] = values.TryGetValue(_header[i], out var value) ? value : "";
        }
        _rows.Add(row);
    }

    public void RenameColumn(string oldColumn, string newColumn)
    {
        var index = ColumnIndex(oldColumn);
        _header[index] = newColumn;
    }

    /// <summary>The table as Gherkin, columns padded to equal width.</summary>
    public override string ToString()
    {
        var all = new List<IReadOnlyList<string>> { _header };
        all.AddRange(_rows);
        var widths = Enumerable.Range(0, _header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(' ').Append(row[c].PadRight(widths[c])).Append(" |");
            }
            text.Append(Environment.NewLine);
        }
        return text.ToString();
    }

    internal int ColumnIndex(string column)
    {
        var index = _header.IndexOf(column);
        if (index < 0)
        {
            throw new KeyNotFoundException($"The table has no column '{column}'. Its columns are: {string.Join(", ", _header)}.");
        }
        return index;
    }

    internal bool TryColumnIndex(string column, out int index)
    {
        index = _header.IndexOf(column);
        return index >= 0;
    }

    internal string[] RowValues(int rowIndex) => _rows[rowIndex];

    internal IReadOnlyList<string> HeaderList => _header;
}

/// <summary>The newer name of <see cref="Table"/> in Reqnroll; a table argument is always a <see cref="DataTable"/>.</summary>
public class DataTable : Table
{
    public DataTable(params string[] header) : base(header) { }

    protected DataTable(Table copyFrom) : base(copyFrom) { }

    public static DataTable FromTable(Table table) => table as DataTable ?? new DataTable(table);
}

/// <summary>The rows of a <see cref="Table"/>, header excluded.</summary>
public class TableRows : IEnumerable<TableRow>
{
    private readonly Table _table;

    internal TableRows(Table table)
    {
        _table = table;
    }

    public int Count => _table.RowCount;

    public TableRow this[int index] => new(_table, index);

    public IEnumerator<TableRow> GetEnumerator()
    {
        for (var i = 0; i < _table.RowCount; i++)
        {
            yield return new TableRow(_table, i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One row of a <see cref="Table"/>: a read-only dictionary from column name to cell value.</summary>
public class TableRow : IDictionary<string, string>
{
    private readonly Table _table;
    private readonly int _index;

    internal TableRow(Table table, int index)
    {
        _table = table;
        _index = index;
    }

    public Table Table => _table;

    public string this[string header]
    {
        get => _table.RowValues(_index)[_table.ColumnIndex(header)];
        set => _table.RowValues(_index)[_table.ColumnIndex(header)] = value;
    }

    public string this[int index]
    {
        get => _table.RowValues(_index)[index];
        set => _table.RowValues(_index)[index] = value;
    }

    public ICollection<string> Keys => _table.Header;

    public ICollection<string> Values => _table.RowValues(_index);

    public int Count => _table.HeaderList.Count;

    public bool IsReadOnly => true;

    public bool ContainsKey(string key) => _table.ContainsColumn(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (_table.TryColumnIndex(key, out var column))
        {
            value = _table.RowValues(_index)[column];
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        var values = _table.RowValues(_index);
        for (var i = 0; i < values.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_table.HeaderList[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Contains(KeyValuePair<string, string> item) => TryGetValue(item.Key, out var value) && value == item.Value;

    public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex)
    {
        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public override string ToString() => string.Join(" | ", this.Select(p => p.Key + "=" + p.Value));

    void IDictionary<string, string>.Add(string key, string value) => throw ReadOnly();

    bool IDictionary<string, string>.Remove(string key) => throw ReadOnly();

    void ICollection<KeyValuePair<string, string>>.Add(KeyValuePair<string, string> item) => throw ReadOnly();

    void ICollection<KeyValuePair<string, string>>.Clear() => throw ReadOnly();

    bool ICollection<KeyValuePair<string, string>>.Remove(KeyValuePair<string, string> item) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("A table row has a fixed set of columns; add columns to the table instead.");
}
