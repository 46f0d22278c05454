using Reelay.Cli;

return await CliApp.RunAsync(args);
