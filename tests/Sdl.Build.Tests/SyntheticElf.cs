using System.Text;

namespace Sdl.Build.Tests;

/// <summary>
/// Writes a minimal 64-bit little-endian ELF shared object with just the tables the patcher
/// reads: .dynstr, .dynsym, .gnu.version, .gnu.version_r (two needs from libstdc++) and .rela.dyn.
/// Symbol 1 is bound to GLIBCXX_3.4.30 (version index 2), symbol 2 to GLIBCXX_3.4.32 (index 3).
/// </summary>
internal static class SyntheticElf
{
    public const string OldVersion = "GLIBCXX_3.4.30", NewVersion = "GLIBCXX_3.4.32";

    public static byte[] Build(params int[] relocatedSymbols)
    {
        var strings = new StringTable();
        int library = strings.Add("libstdc++.so.6"), oldName = strings.Add(OldVersion), newName = strings.Add(NewVersion);
        int symbolA = strings.Add("uses_old_version"), symbolB = strings.Add("_ZSt21ios_base_library_initv");

        var file = new MemoryStream();
        var w = new BinaryWriter(file);
        w.Write(new byte[64]); // header, filled in last

        long dynstrOffset = file.Position;
        w.Write(strings.Bytes);
        Align(w, 8);

        long dynsymOffset = file.Position;
        foreach (int name in new[] { 0, symbolA, symbolB })
        {
            w.Write((uint)name); w.Write((byte)0x12); w.Write((byte)0); w.Write((ushort)0); w.Write(0UL); w.Write(0UL);
        }

        long versymOffset = file.Position;
        foreach (ushort index in new ushort[] { 0, 2, 3 }) w.Write(index);
        Align(w, 8);

        long verneedOffset = file.Position;
        w.Write((ushort)1); w.Write((ushort)2); w.Write((uint)library); w.Write(16u); w.Write(0u);
        w.Write(0x0297f860u); w.Write((ushort)0); w.Write((ushort)2); w.Write((uint)oldName); w.Write(16u);
        w.Write(0x0297f862u); w.Write((ushort)0); w.Write((ushort)3); w.Write((uint)newName); w.Write(0u);

        long relaOffset = file.Position;
        foreach (int symbol in relocatedSymbols)
        {
            w.Write(0x1000UL); w.Write(((ulong)symbol << 32) | 6UL /* R_X86_64_GLOB_DAT */); w.Write(0L);
        }

        long sectionsOffset = file.Position;
        void Section(uint type, long offset, long size, uint link, long entrySize)
        {
            w.Write(0u); w.Write(type); w.Write(0UL); w.Write(0UL); w.Write((ulong)offset); w.Write((ulong)size);
            w.Write(link); w.Write(0u); w.Write(8UL); w.Write((ulong)entrySize);
        }
        Section(0, 0, 0, 0, 0);
        Section(3, dynstrOffset, strings.Bytes.Length, 0, 0);          // 1 .dynstr
        Section(11, dynsymOffset, 3 * 24, 1, 24);                      // 2 .dynsym
        Section(0x6fffffff, versymOffset, 3 * 2, 2, 2);                // 3 .gnu.version
        Section(0x6ffffffe, verneedOffset, 48, 1, 0);                  // 4 .gnu.version_r
        Section(4, relaOffset, relocatedSymbols.Length * 24, 2, 24);   // 5 .rela.dyn

        file.Position = 0;
        w.Write(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 });
        w.Write(0UL);
        w.Write((ushort)3); w.Write((ushort)62); w.Write(1u); w.Write(0UL); w.Write(0UL);
        w.Write((ulong)sectionsOffset); w.Write(0u); w.Write((ushort)64); w.Write((ushort)56); w.Write((ushort)0);
        w.Write((ushort)64); w.Write((ushort)6); w.Write((ushort)0);
        return file.ToArray();
    }

    static void Align(BinaryWriter w, int alignment)
    {
        while (w.BaseStream.Position % alignment != 0) w.Write((byte)0);
    }

    sealed class StringTable
    {
        readonly MemoryStream bytes = new();
        public StringTable() { bytes.WriteByte(0); } // offset 0 is the empty string
        public int Add(string value)
        {
            int offset = (int)bytes.Position;
            var encoded = Encoding.ASCII.GetBytes(value);
            bytes.Write(encoded); bytes.WriteByte(0);
            return offset;
        }
        public byte[] Bytes => bytes.ToArray();
    }
}
