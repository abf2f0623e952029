namespace HrConnector.Testing;

/// <summary>How the workflows of a <see cref="RecordingWorkflowLauncher"/> end.</summary>
public enum WorkflowCompletion
{
    /// <summary>
    /// A workflow stays <see cref="Provisioning.WorkflowState.Running"/> until the test calls
    /// <see cref="RecordingWorkflowLauncher.Complete"/>, <see cref="RecordingWorkflowLauncher.CompleteAsync"/> or
    /// <see cref="RecordingWorkflowLauncher.Fail"/> (an approval that takes days, for example).
    /// </summary>
    Manual = 0,

    /// <summary>
    /// A workflow applies its order to the launcher's identity repository (<see cref="Provisioning.IdentityWrites.ApplyAsync"/>)
    /// as it starts, and is completed (or failed, when the identity does not exist).
    /// </summary>
    Automatic,
}
