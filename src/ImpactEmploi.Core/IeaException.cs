using System;

namespace ImpactEmploi
{
    /// <summary>
    /// A failure the user can act on: a stable id, a category, the object at fault and what to do next.
    /// Cmdlets turn it into an ErrorRecord whose FullyQualifiedErrorId starts with <see cref="ErrorId"/>.
    /// </summary>
    public sealed class IeaException : Exception
    {
        public IeaException(string errorId, IeaErrorCategory category, string message, object? targetObject = null,
            string? recommendedAction = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Category = category;
            TargetObject = targetObject;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public IeaErrorCategory Category { get; }
        public object? TargetObject { get; }
        public string? RecommendedAction { get; }
    }
}
