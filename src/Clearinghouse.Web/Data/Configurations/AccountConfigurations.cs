using Clearinghouse.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

internal sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(FieldLengths.Name);
        builder.Ignore(u => u.IsDisabled);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.Actor).HasMaxLength(FieldLengths.AuditSubject);
        builder.Property(e => e.Action).HasMaxLength(FieldLengths.AuditAction);
        builder.Property(e => e.Subject).HasMaxLength(FieldLengths.AuditSubject);
        builder.Property(e => e.Details).HasMaxLength(FieldLengths.AuditDetails);
        builder.Property(e => e.ClientAddress).HasMaxLength(FieldLengths.ClientAddress);

        // The page reads newest first, filtered by action or actor.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => new { e.Actor, e.At });
    }
}
