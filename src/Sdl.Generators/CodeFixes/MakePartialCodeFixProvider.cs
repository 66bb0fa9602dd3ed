using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sdl.Generators.CodeFixes
{
    /// <summary>
    /// Fixes SDL0002 (model class not partial) and SDL0014 (view property not partial) by adding the
    /// <c>partial</c> modifier where C# requires it (last, before the type keyword or the property type).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        public const string ClassNotPartialId = "SDL0002";
        public const string ViewPropertyShapeId = "SDL0014";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(ClassNotPartialId, ViewPropertyShapeId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
                var declaration = node?.AncestorsAndSelf().FirstOrDefault(n => n is TypeDeclarationSyntax || n is PropertyDeclarationSyntax);
                if (declaration is null || Modifiers(declaration).Any(SyntaxKind.PartialKeyword)) continue;
                // SDL0014 also covers properties with a body or a setter; adding 'partial' fixes only the missing keyword.
                if (declaration is PropertyDeclarationSyntax property && !IsGetOnlyWithoutBody(property)) continue;
                var title = declaration is TypeDeclarationSyntax type ? $"Make '{type.Identifier.Text}' partial" : "Make the view property partial";
                context.RegisterCodeFix(
                    CodeAction.Create(title, token => AddPartialAsync(context.Document, declaration, token), equivalenceKey: nameof(MakePartialCodeFixProvider)),
                    diagnostic);
            }
        }

        private static bool IsGetOnlyWithoutBody(PropertyDeclarationSyntax property) =>
            property.AccessorList is { Accessors: { Count: 1 } accessors }
            && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration)
            && accessors[0].Body is null && accessors[0].ExpressionBody is null;

        private static SyntaxTokenList Modifiers(SyntaxNode declaration) =>
            declaration is MemberDeclarationSyntax member ? member.Modifiers : default;

        private static async Task<Document> AddPartialAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var member = (MemberDeclarationSyntax)declaration;
            var partialKeyword = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            MemberDeclarationSyntax updated;
            if (member.Modifiers.Count == 0)
            {
                // Keep the declaration's leading trivia (comments, indentation) in front of the new keyword.
                var firstToken = member.GetFirstToken();
                updated = member
                    .ReplaceToken(firstToken, firstToken.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                    .WithModifiers(SyntaxFactory.TokenList(partialKeyword.WithLeadingTrivia(firstToken.LeadingTrivia)));
            }
            else
            {
                updated = member.WithModifiers(member.Modifiers.Add(partialKeyword));
            }
            return document.WithSyntaxRoot(root.ReplaceNode(member, updated));
        }
    }
}
