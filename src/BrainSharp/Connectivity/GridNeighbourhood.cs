namespace BrainSharp.Connectivity;

/// <summary>Which cells count as neighbours on a 2-D grid.</summary>
public enum GridNeighbourhood
{
    /// <summary>Cells with |dx| + |dy| &lt;= radius (4 neighbours at radius 1).</summary>
    VonNeumann,
    /// <summary>Cells with max(|dx|, |dy|) &lt;= radius (8 neighbours at radius 1).</summary>
    Moore,
}
