using System;
using System.Text;

namespace Sdl.Generators.Emitting
{
    /// <summary>
    /// Writes C# text with indentation tracked for the caller: <see cref="WriteLine(string)"/> indents each line
    /// of what it is given (so multi-line raw blocks keep their shape), <see cref="OpenBlock"/> and
    /// <see cref="CloseBlock"/> write braces and change the level.
    /// </summary>
    internal sealed class IndentedWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder builder = new StringBuilder();
        private int level;

        public void WriteLine() => builder.Append('\n');

        public void WriteLine(string text)
        {
            foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
            {
                if (line.Length > 0)
                {
                    for (int i = 0; i < level; i++) builder.Append(IndentUnit);
                    builder.Append(line);
                }
                builder.Append('\n');
            }
        }

        public void OpenBlock(string header)
        {
            WriteLine(header);
            WriteLine("{");
            level++;
        }

        public void CloseBlock(string suffix = "")
        {
            level = Math.Max(0, level - 1);
            WriteLine("}" + suffix);
        }

        public void Indent() => level++;

        public void Unindent() => level = Math.Max(0, level - 1);

        public override string ToString() => builder.ToString();
    }
}
