// Build-time fix that lets TorchSharp's native library load on hosts whose libstdc++ is older
// than the one it was linked against (GCC 12 on Debian 12 / Ubuntu 22.04).
//
// libLibTorchSharp.so (TorchSharp 0.107.0) declares a version need on GLIBCXX_3.4.32 only for
// _ZSt21ios_base_library_initv, a symbol GCC 13 adds to every translation unit that includes
// <iostream>, and which no relocation ever binds. The dynamic loader still refuses a library
// whose *required* version is missing, but accepts a missing *weak* one (glibc dl-version.c).
// So we set VER_FLG_WEAK on exactly those version-need entries that (a) the host's library does
// not define and (b) no relocation uses, in the copy inside the build output. The NuGet cache is
// never touched: the patched bytes go to a temporary file that then replaces the output copy.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (see Sdl.Runtime.targets, so a
// user's project gets the fix without any extra assembly) and into the tests. It must therefore
// stay netstandard2.0-compatible and self-contained.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Sdl.Build
{
    /// <summary>What the ELF analysis found for one needed version entry.</summary>
    public sealed class VersionNeed
    {
        public VersionNeed(string file, string name, ushort index, ushort flags, long flagsOffset, bool usedByRelocation)
        {
            File = file; Name = name; Index = index; Flags = flags; FlagsOffset = flagsOffset; UsedByRelocation = usedByRelocation;
        }

        /// <summary>The library the version is needed from, e.g. <c>libstdc++.so.6</c>.</summary>
        public string File { get; }
        /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string Name { get; }
        /// <summary>The index symbols use in <c>.gnu.version</c> to refer to this version.</summary>
        public ushort Index { get; }
        public ushort Flags { get; }
        /// <summary>Absolute file offset of the entry's <c>vna_flags</c> field.</summary>
        public long FlagsOffset { get; }
        /// <summary>True when some relocation references a symbol bound to this version.</summary>
        public bool UsedByRelocation { get; }
        public bool IsWeak => (Flags & ElfVersions.VerFlagWeak) != 0;
    }

    /// <summary>Reads GNU symbol-versioning tables of 64-bit little-endian ELF files.</summary>
    public static class ElfVersions
    {
        public const ushort VerFlagWeak = 0x2;
        const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
        const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;

        sealed class Section
        {
            public uint Type; public long Offset; public long Size; public uint Link; public long EntrySize;
        }

        /// <summary>True when <paramref name="path"/> starts with the ELF magic number.</summary>
        public static bool IsElf(string path)
        {
            using var stream = File.OpenRead(path);
            var magic = new byte[4];
            return stream.Read(magic, 0, 4) == 4 && magic[0] == 0x7f && magic[1] == (byte)'E' && magic[2] == (byte)'L' && magic[3] == (byte)'F';
        }

        /// <summary>Version names a shared library defines (<c>.gnu.version_d</c>), e.g. GLIBCXX_3.4.30.</summary>
        public static HashSet<string> ReadDefinedVersions(Stream elf)
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            var sections = ReadSections(elf);
            foreach (var verdef in sections.Where(s => s.Type == ShtGnuVerdef))
            {
                var strings = sections[(int)verdef.Link];
                var data = ReadRange(elf, verdef.Offset, verdef.Size);
                int position = 0;
                while (position + 20 <= data.Length)
                {
                    uint aux = U32(data, position + 12), next = U32(data, position + 16);
                    if (aux != 0 && position + aux + 8 <= data.Length)
                        result.Add(ReadString(elf, strings, U32(data, (int)(position + aux))));
                    if (next == 0) break;
                    position += (int)next;
                }
            }
            return result;
        }

        /// <summary>Every needed-version entry (<c>.gnu.version_r</c>) with whether a relocation uses it.</summary>
        /// <remarks>
        /// Scanning relocations reads large tables (tens of MB in libtorch_cpu.so), so callers that
        /// only want the names pass <paramref name="resolveRelocationUse"/> = false.
        /// </remarks>
        public static List<VersionNeed> ReadVersionNeeds(Stream elf, bool resolveRelocationUse = true)
        {
            var sections = ReadSections(elf);
            var needs = new List<VersionNeed>();
            var verneed = sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
            if (verneed == null) return needs;

            var usedIndices = resolveRelocationUse ? VersionIndicesUsedByRelocations(elf, sections) : new HashSet<ushort>();
            var strings = sections[(int)verneed.Link];
            var data = ReadRange(elf, verneed.Offset, verneed.Size);
            int position = 0;
            while (position + 16 <= data.Length)
            {
                ushort count = U16(data, position + 2);
                string file = ReadString(elf, strings, U32(data, position + 4));
                int auxPosition = position + (int)U32(data, position + 8);
                for (int i = 0; i < count && auxPosition + 16 <= data.Length; i++)
                {
                    ushort flags = U16(data, auxPosition + 4), index = U16(data, auxPosition + 6);
                    string name = ReadString(elf, strings, U32(data, auxPosition + 8));
                    needs.Add(new VersionNeed(file, name, index, flags, verneed.Offset + auxPosition + 4, usedIndices.Contains(index)));
                    uint nextAux = U32(data, auxPosition + 12);
                    if (nextAux == 0) break;
                    auxPosition += (int)nextAux;
                }
                uint next = U32(data, position + 12);
                if (next == 0) break;
                position += (int)next;
            }
            return needs;
        }

        /// <summary>
        /// The entries to weaken: needed from <paramref name="library"/>, missing from
        /// <paramref name="hostVersions"/>, not weak yet, and used by no relocation.
        /// </summary>
        public static List<VersionNeed> SafeToWeaken(IEnumerable<VersionNeed> needs, string library, ISet<string> hostVersions) =>
            needs.Where(n => n.File == library && !hostVersions.Contains(n.Name) && !n.IsWeak && !n.UsedByRelocation).ToList();

        /// <summary>Entries the host lacks that a relocation needs: no flag can fix those.</summary>
        public static List<VersionNeed> Unfixable(IEnumerable<VersionNeed> needs, string library, ISet<string> hostVersions) =>
            needs.Where(n => n.File == library && !hostVersions.Contains(n.Name) && !n.IsWeak && n.UsedByRelocation).ToList();

        /// <summary>Sets VER_FLG_WEAK on the given entries, in place.</summary>
        public static void MarkWeak(Stream elf, IEnumerable<VersionNeed> needs)
        {
            foreach (var need in needs)
            {
                ushort flags = (ushort)(need.Flags | VerFlagWeak);
                elf.Position = need.FlagsOffset;
                elf.WriteByte((byte)(flags & 0xff));
                elf.WriteByte((byte)(flags >> 8));
            }
            elf.Flush();
        }

        static HashSet<ushort> VersionIndicesUsedByRelocations(Stream elf, List<Section> sections)
        {
            var used = new HashSet<ushort>();
            var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
            var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
            if (dynsym == null || versym == null) return used;
            var versions = ReadRange(elf, versym.Offset, versym.Size);

            // Only relocations against the dynamic symbol table bind versioned symbols.
            int dynsymIndex = sections.IndexOf(dynsym);
            foreach (var relocations in sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == dynsymIndex))
            {
                long entrySize = relocations.EntrySize > 0 ? relocations.EntrySize : (relocations.Type == ShtRela ? 24 : 16);
                var data = ReadRange(elf, relocations.Offset, relocations.Size);
                for (long at = 0; at + entrySize <= data.Length; at += entrySize)
                {
                    ulong symbol = U64(data, (int)at + 8) >> 32;
                    if (symbol == 0 || (long)symbol * 2 + 2 > versions.Length) continue;
                    used.Add((ushort)(U16(versions, (int)symbol * 2) & 0x7fff));
                }
            }
            return used;
        }

        static List<Section> ReadSections(Stream elf)
        {
            var header = ReadRange(elf, 0, 64);
            if (header.Length < 64 || header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file (bad magic number)");
            if (header[4] != 2 || header[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
            long sectionOffset = (long)U64(header, 40);
            int entrySize = U16(header, 58);
            long count = U16(header, 60);
            if (sectionOffset == 0 || entrySize < 64) return new List<Section>();
            if (count == 0) count = (long)U64(ReadRange(elf, sectionOffset, 64), 32); // ELF extended numbering
            var table = ReadRange(elf, sectionOffset, count * entrySize);
            var sections = new List<Section>();
            for (int i = 0; i < count; i++)
            {
                int at = i * entrySize;
                sections.Add(new Section
                {
                    Type = U32(table, at + 4), Offset = (long)U64(table, at + 24), Size = (long)U64(table, at + 32),
                    Link = U32(table, at + 40), EntrySize = (long)U64(table, at + 56),
                });
            }
            return sections;
        }

        static string ReadString(Stream elf, Section strings, uint offset)
        {
            var bytes = new List<byte>();
            elf.Position = strings.Offset + offset;
            int b;
            while ((b = elf.ReadByte()) > 0) bytes.Add((byte)b);
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        static byte[] ReadRange(Stream elf, long offset, long size)
        {
            if (offset < 0 || size < 0 || offset + size > elf.Length)
                throw new InvalidDataException($"ELF table at offset {offset} with size {size} lies outside the file ({elf.Length} bytes)");
            var buffer = new byte[size];
            elf.Position = offset;
            int read = 0;
            while (read < size)
            {
                int n = elf.Read(buffer, read, (int)size - read);
                if (n <= 0) throw new EndOfStreamException("truncated ELF file");
                read += n;
            }
            return buffer;
        }

        static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);
        static uint U32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
        static ulong U64(byte[] b, int at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;
    }

    /// <summary>Finds the host's libstdc++ and patches native libraries in an output folder.</summary>
    public static class LibStdCxxCompat
    {
        public const string Library = "libstdc++.so.6";

        static readonly string[] SearchDirectories =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib",
        };

        /// <summary>The host's libstdc++, or null when none is found in the usual places.</summary>
        public static string? FindHostLibrary(string? overridePath)
        {
            if (!string.IsNullOrEmpty(overridePath)) return File.Exists(overridePath) ? overridePath : null;
            return SearchDirectories.Select(d => Path.Combine(d, Library)).FirstOrDefault(File.Exists);
        }

        /// <summary>
        /// Weakens the safe entries of one library. The edit goes to a sibling temporary file that
        /// then replaces <paramref name="path"/>, so a hard link into a package cache is never written through.
        /// Returns the weakened entries and the entries that no flag can fix.
        /// </summary>
        public static (List<VersionNeed> Weakened, List<VersionNeed> Unfixable) PatchFile(string path, ISet<string> hostVersions)
        {
            List<VersionNeed> safe, unfixable;
            using (var stream = File.OpenRead(path))
            {
                var missing = ElfVersions.ReadVersionNeeds(stream, resolveRelocationUse: false)
                    .Where(n => n.File == Library && !hostVersions.Contains(n.Name) && !n.IsWeak);
                if (!missing.Any()) return (new List<VersionNeed>(), new List<VersionNeed>());
                var needs = ElfVersions.ReadVersionNeeds(stream);
                safe = ElfVersions.SafeToWeaken(needs, Library, hostVersions);
                unfixable = ElfVersions.Unfixable(needs, Library, hostVersions);
            }
            if (safe.Count == 0) return (safe, unfixable);

            string temporary = path + ".sdl-patch.tmp";
            var timestamp = File.GetLastWriteTimeUtc(path);
            File.Copy(path, temporary, overwrite: true);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
                ElfVersions.MarkWeak(stream, safe);
            // Same size and timestamp as the package's copy: the next incremental build sees the file
            // as up to date and neither copies nor patches it again (so a running program that has it
            // mapped is never written under).
            File.SetLastWriteTimeUtc(temporary, timestamp);
            File.Delete(path);
            File.Move(temporary, path);
            return (safe, unfixable);
        }
    }

    /// <summary>MSBuild task: applies <see cref="LibStdCxxCompat"/> to every ELF shared object in a folder.</summary>
    public sealed class SdlPatchLibStdCxx : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string Directory { get; set; } = "";
        public string? HostLibrary { get; set; }

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            string? host = LibStdCxxCompat.FindHostLibrary(HostLibrary);
            if (host == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "Sdl: no host libstdc++ found; native libraries left as they are.");
                return true;
            }
            HashSet<string> hostVersions;
            using (var stream = File.OpenRead(host)) hostVersions = ElfVersions.ReadDefinedVersions(stream);

            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.so*", SearchOption.AllDirectories))
            {
                if (file.EndsWith(".tmp", StringComparison.Ordinal) || !ElfVersions.IsElf(file)) continue;
                try
                {
                    var (weakened, unfixable) = LibStdCxxCompat.PatchFile(file, hostVersions);
                    foreach (var need in weakened)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            $"Sdl: {Path.GetFileName(file)} needs {need.Name} from {need.File}, which {host} lacks and no relocation uses; marked weak so the library loads.");
                    foreach (var need in unfixable)
                        Log.LogWarning($"Sdl: {Path.GetFileName(file)} needs {need.Name} from {need.File} for a symbol it really uses; {host} lacks it, so the library will not load here. Install a newer libstdc++.");
                }
                catch (Exception e) when (e is InvalidDataException || e is EndOfStreamException)
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"Sdl: skipped {file}: {e.Message}");
                }
            }
            return true;
        }
    }
}

namespace Sdl.Build
{
    /// <summary>
    /// MSBuild task for projects that reference Sdl.Runtime by project rather than by package: NuGet flows no build
    /// targets over a ProjectReference, so Sdl.Runtime's own build writes patched copies of the native libraries
    /// that need one (into its obj folder, never into the package cache) and hands them to every referencing
    /// project as items to copy into its output (see Sdl.Runtime.ProjectReference.targets).
    /// </summary>
    public sealed class SdlPatchedLibStdCxxCopies : Microsoft.Build.Utilities.Task
    {
        /// <summary>The native libraries the package assets resolve (with their DestinationSubDirectory).</summary>
        [Microsoft.Build.Framework.Required] public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();
        [Microsoft.Build.Framework.Required] public string OutputDirectory { get; set; } = "";
        public string? HostLibrary { get; set; }

        /// <summary>The patched copies, each with TargetPath (where it goes in an output folder).</summary>
        [Microsoft.Build.Framework.Output] public Microsoft.Build.Framework.ITaskItem[] Patched { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            string? host = LibStdCxxCompat.FindHostLibrary(HostLibrary);
            if (host == null) return true;
            HashSet<string> hostVersions;
            using (var stream = File.OpenRead(host)) hostVersions = ElfVersions.ReadDefinedVersions(stream);
            var patched = new List<Microsoft.Build.Framework.ITaskItem>();
            foreach (var item in Files)
            {
                string source = item.GetMetadata("FullPath");
                if (!File.Exists(source) || !ElfVersions.IsElf(source)) continue;
                bool needsPatch;
                try
                {
                    using (var stream = File.OpenRead(source))
                        needsPatch = ElfVersions.ReadVersionNeeds(stream, resolveRelocationUse: false)
                            .Any(n => n.File == LibStdCxxCompat.Library && !hostVersions.Contains(n.Name) && !n.IsWeak);
                }
                catch (Exception e) when (e is InvalidDataException || e is EndOfStreamException) { continue; }
                if (!needsPatch) continue;

                string relative = Path.Combine(item.GetMetadata("DestinationSubDirectory"), Path.GetFileName(source));
                string target = Path.Combine(OutputDirectory, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                // Patched in place below, so a copy that is already up to date keeps the package's size and timestamp.
                if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) != File.GetLastWriteTimeUtc(source) || new FileInfo(target).Length != new FileInfo(source).Length)
                {
                    File.Copy(source, target + ".sdl-copy.tmp", overwrite: true);
                    File.SetLastWriteTimeUtc(target + ".sdl-copy.tmp", File.GetLastWriteTimeUtc(source));
                    if (File.Exists(target)) File.Delete(target);
                    File.Move(target + ".sdl-copy.tmp", target);
                }
                var (weakened, unfixable) = LibStdCxxCompat.PatchFile(target, hostVersions);
                foreach (var need in unfixable)
                    Log.LogWarning($"Sdl: {Path.GetFileName(source)} needs {need.Name} from {need.File} for a symbol it really uses; {host} lacks it, so the library will not load here. Install a newer libstdc++.");
                var output = new Microsoft.Build.Utilities.TaskItem(target);
                output.SetMetadata("TargetPath", relative.Replace('\\', '/'));
                patched.Add(output);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"Sdl: {relative} patched for referencing projects ({host} lacks {string.Join(", ", weakened.Select(w => w.Name))}).");
            }
            Patched = patched.ToArray();
            return true;
        }
    }
}
